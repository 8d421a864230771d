package io.facetrain.core.eval;

/**
 * The outcome of one fold of the verification protocol: the threshold chosen on the other folds and the
 * accuracy it gives on this one.
 *
 * @param fold      fold index, 0-based
 * @param pairs     number of pairs in this (test) fold
 * @param threshold threshold chosen on the training folds (all folds but this one)
 * @param accuracy  fraction of this fold's pairs classified correctly with {@code threshold}
 */
public record FoldResult(int fold, int pairs, double threshold, double accuracy) {
}
