package io.facetrain.core.eval;

/**
 * A verification threshold and the accuracy it gives on the pairs it was chosen on.
 *
 * @param threshold distance threshold τ; a pair is "same" when its distance is {@code <= τ}
 * @param accuracy  fraction of pairs classified correctly with τ
 */
public record AccuracyThreshold(double threshold, double accuracy) {

    /**
     * The accuracy-maximising threshold: candidates are the gaps between sorted distinct distances
     * (see {@link RocCurve}); ties go to the smallest threshold. O(n log n).
     *
     * @throws IllegalArgumentException on invalid input (see {@link RocCurve#of})
     */
    public static AccuracyThreshold maximise(double[] distances, boolean[] same) {
        return RocCurve.of(distances, same).bestAccuracy();
    }

    /**
     * Fraction of pairs classified correctly when {@code distance <= threshold} means "same person".
     * One class may be absent (a small test fold).
     *
     * @throws IllegalArgumentException on null, empty or mismatched arrays and NaN/infinite distances
     */
    public static double accuracy(double[] distances, boolean[] same, double threshold) {
        PairScores.validateShape(distances, same);
        long correct = 0;
        for (int i = 0; i < distances.length; i++) {
            if ((distances[i] <= threshold) == same[i]) {
                correct++;
            }
        }
        return (double) correct / distances.length;
    }
}
