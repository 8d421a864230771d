package io.facetrain.core.baseline;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Verification accuracy of a distance when pairs closer than a threshold are called "same person", at
 * the threshold that suits the pairs best. Choosing the threshold on the pairs it is scored on makes this
 * an optimistic upper bound on what a threshold chosen on other pairs (as in 10-fold protocols) achieves.
 */
public final class ThresholdAccuracy {

    /**
     * @param accuracy  fraction of pairs classified correctly
     * @param threshold distances at or below it are called "same"
     */
    public record Best(double accuracy, double threshold) {
    }

    private ThresholdAccuracy() {
    }

    /**
     * @param distances  one distance per pair (smaller = more alike)
     * @param samePerson whether each pair shows one person
     * @return the highest accuracy over all thresholds, and the smallest threshold reaching it
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or a distance is NaN
     */
    public static Best best(double[] distances, boolean[] samePerson) {
        if (distances.length != samePerson.length || distances.length == 0) {
            throw new IllegalArgumentException("need one label per distance and at least one pair, got "
                    + distances.length + " distances and " + samePerson.length + " labels");
        }
        int n = distances.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(distances[i])) {
                throw new IllegalArgumentException("distance of pair " + i + " is NaN");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> distances[i]));
        int different = 0;
        for (boolean same : samePerson) {
            if (!same) {
                different++;
            }
        }
        // Threshold below every distance: everything is called "different".
        int correct = different;
        int bestCorrect = correct;
        double bestThreshold = Double.NEGATIVE_INFINITY;
        int i = 0;
        while (i < n) {
            double value = distances[order[i]];
            // Ties move across the threshold together.
            while (i < n && distances[order[i]] == value) {
                correct += samePerson[order[i]] ? 1 : -1;
                i++;
            }
            if (correct > bestCorrect) {
                bestCorrect = correct;
                bestThreshold = value;
            }
        }
        return new Best((double) bestCorrect / n, bestThreshold);
    }
}
