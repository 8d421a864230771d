package io.facetrain.core.mining;

import io.facetrain.core.loss.Triplets;

import java.util.Arrays;

/** Growable (anchor, positive, negative) lists that drop easy triplets as they are added. */
final class TripletSelection {

    private final double margin;
    private int[] a = new int[16];
    private int[] p = new int[16];
    private int[] n = new int[16];
    private int size;

    TripletSelection(double margin) {
        this.margin = margin;
    }

    void addUnlessEasy(PairwiseDistances d, int anchor, int positive, int negative) {
        if (TripletKind.of(d.get(anchor, positive), d.get(anchor, negative), margin) == TripletKind.EASY) {
            return;
        }
        if (size == a.length) {
            a = Arrays.copyOf(a, size * 2);
            p = Arrays.copyOf(p, size * 2);
            n = Arrays.copyOf(n, size * 2);
        }
        a[size] = anchor;
        p[size] = positive;
        n[size] = negative;
        size++;
    }

    MinedTriplets result(MiningStats seen) {
        Triplets t = Triplets.of(Arrays.copyOf(a, size), Arrays.copyOf(p, size), Arrays.copyOf(n, size));
        return new MinedTriplets(t, new MiningStats(seen.considered(), seen.easy(), seen.semiHard(), seen.hard(),
                seen.positivePairs(), seen.positiveDistanceSum(), seen.negativePairs(), seen.negativeDistanceSum(),
                size));
    }
}
