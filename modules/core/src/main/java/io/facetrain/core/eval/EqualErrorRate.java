package io.facetrain.core.eval;

/**
 * The equal error rate: the rate at which the false accept rate equals the false reject rate, found by
 * linear interpolation between the two ROC points that enclose the crossing.
 *
 * @param rate      the common value of FAR and FRR at the crossing, in [0, 1]
 * @param threshold the distance threshold at the crossing, interpolated the same way
 */
public record EqualErrorRate(double rate, double threshold) {
}
