package io.facetrain.core.eval;

/**
 * Validation shared by every metric that takes pair distances and same/different labels, so each bad
 * input gets the same clear message wherever it enters.
 */
final class PairScores {

    private PairScores() {
    }

    /**
     * @throws IllegalArgumentException when an array is null, the lengths differ, the arrays are empty,
     *                                  or a distance is NaN or infinite
     */
    static void validateShape(double[] distances, boolean[] same) {
        if (distances == null || same == null) {
            throw new IllegalArgumentException("distances and same-person labels must not be null");
        }
        if (distances.length != same.length) {
            throw new IllegalArgumentException("distances and labels differ in length: "
                    + distances.length + " distances, " + same.length + " labels");
        }
        if (distances.length == 0) {
            throw new IllegalArgumentException("no pairs to evaluate");
        }
        for (int i = 0; i < distances.length; i++) {
            if (Double.isNaN(distances[i])) {
                throw new IllegalArgumentException("distance of pair " + i + " is NaN (did the encoder diverge?)");
            }
            if (Double.isInfinite(distances[i])) {
                throw new IllegalArgumentException("distance of pair " + i + " is infinite");
            }
        }
    }

    /**
     * {@link #validateShape} plus: both same-person and different-person pairs are present.
     *
     * @throws IllegalArgumentException naming the problem
     */
    static void validate(double[] distances, boolean[] same) {
        validateShape(distances, same);
        int sameCount = countSame(same);
        if (sameCount == 0) {
            throw new IllegalArgumentException("no same-person pairs among " + distances.length
                    + " pairs: TAR, ROC and accuracy need both classes");
        }
        if (sameCount == distances.length) {
            throw new IllegalArgumentException("no different-person pairs among " + distances.length
                    + " pairs: FAR, ROC and accuracy need both classes");
        }
    }

    static int countSame(boolean[] same) {
        int count = 0;
        for (boolean s : same) {
            if (s) {
                count++;
            }
        }
        return count;
    }
}
