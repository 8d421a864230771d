package io.facetrain.core.eval;

import java.util.List;

/**
 * Squared L2 distances between embeddings, the distance every facetrain metric uses (for unit vectors it
 * lies in [0, 4] and equals {@code 2 − 2·cos}). Accumulated in double so long embeddings lose nothing.
 */
public final class Distances {

    private Distances() {
    }

    /**
     * @throws IllegalArgumentException when the vectors differ in length
     */
    public static double squaredL2(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings differ in dimension: " + a.length + " and " + b.length);
        }
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
            double diff = (double) a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }

    /**
     * The distance of every pair, in pair order.
     *
     * @param embeddings one embedding per image, indexed like the pairs' image indices
     * @throws IllegalArgumentException when a pair names an image outside {@code embeddings} or two
     *                                  embeddings differ in dimension
     */
    public static double[] ofPairs(float[][] embeddings, List<ImagePair> pairs) {
        double[] distances = new double[pairs.size()];
        for (int p = 0; p < distances.length; p++) {
            ImagePair pair = pairs.get(p);
            if (pair.second() >= embeddings.length) {
                throw new IllegalArgumentException("pair " + p + " names image " + pair.second()
                        + " but there are only " + embeddings.length + " embeddings");
            }
            distances[p] = squaredL2(embeddings[pair.first()], embeddings[pair.second()]);
        }
        return distances;
    }

    /** The same-person label of every pair, in pair order. */
    public static boolean[] labelsOf(List<ImagePair> pairs) {
        boolean[] same = new boolean[pairs.size()];
        for (int p = 0; p < same.length; p++) {
            same[p] = pairs.get(p).same();
        }
        return same;
    }
}
