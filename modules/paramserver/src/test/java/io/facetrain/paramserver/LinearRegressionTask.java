package io.facetrain.paramserver;

import java.util.SplittableRandom;

/**
 * A deterministic training workload for the tests: least squares {@code L = 1/(2m) Σ (x·θ − y)²}
 * on rows generated from (seed, worker, step). Each worker draws its own minibatch per step; the
 * union of several workers' minibatches is the "combined batch" a single worker would use. Plain
 * Java (no ND4J), so worker processes start fast; float arithmetic is IEEE-strict, so every JVM
 * computes the same bits.
 */
final class LinearRegressionTask {
    private final int dimension;
    private final long seed;
    private final float[] truth;

    LinearRegressionTask(int dimension, long seed) {
        this.dimension = dimension;
        this.seed = seed;
        this.truth = new float[dimension];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < dimension; i++) {
            truth[i] = (float) random.nextDouble(-1, 1);
        }
    }

    long seed() {
        return seed;
    }

    int dimension() {
        return dimension;
    }

    /** Starting parameters (zeros: far from the truth, so steps change every element). */
    float[] initialParameters() {
        return new float[dimension];
    }

    /**
     * Mean gradient over the union of the minibatches of {@code workers} at {@code step}.
     *
     * @return the number of rows (the gradient's weight)
     */
    int gradient(float[] parameters, long step, int batch, float[] out, int... workers) {
        double[] sum = new double[dimension];
        float[] row = new float[dimension];
        int rows = 0;
        double scale = 1 / Math.sqrt(dimension);
        for (int worker : workers) {
            SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (worker + 1)) ^ (step << 20));
            for (int r = 0; r < batch; r++) {
                double prediction = 0;
                double target = 0;
                for (int i = 0; i < dimension; i++) {
                    row[i] = (float) (random.nextDouble(-1, 1) * scale);
                    prediction += row[i] * parameters[i];
                    target += row[i] * truth[i];
                }
                double residual = prediction - target;
                for (int i = 0; i < dimension; i++) {
                    sum[i] += residual * row[i];
                }
                rows++;
            }
        }
        for (int i = 0; i < dimension; i++) {
            out[i] = (float) (sum[i] / rows);
        }
        return rows;
    }
}
