package io.facetrain.core.eval;

import io.facetrain.schema.FacePair;

import java.util.List;

/**
 * A parsed pairs file.
 *
 * @param folds        number of folds (1 for View 1 files)
 * @param pairsPerFold same-person pairs per fold (the same number of different-person pairs follows)
 * @param pairs        in file order, image ids not resolved
 */
public record PairList(int folds, int pairsPerFold, List<FacePair> pairs) {

    public PairList {
        pairs = List.copyOf(pairs);
    }

    public long samePairs() {
        return pairs.stream().filter(FacePair::getSame).count();
    }

    public long differentPairs() {
        return pairs.size() - samePairs();
    }
}
