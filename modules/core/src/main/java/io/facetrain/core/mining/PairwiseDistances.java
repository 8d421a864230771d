package io.facetrain.core.mining;

/**
 * Squared Euclidean distances between every pair of rows of a batch of embeddings, computed once and
 * shared by the miners and their statistics. Symmetric, zero on the diagonal.
 */
public final class PairwiseDistances {

    private final int rows;
    private final double[] d;

    private PairwiseDistances(int rows, double[] d) {
        this.rows = rows;
        this.d = d;
    }

    /**
     * @param embeddings row-major {@code rows × dim}
     */
    public static PairwiseDistances of(float[] embeddings, int rows, int dim) {
        check(embeddings.length, rows, dim);
        double[] out = new double[rows * rows];
        for (int i = 0; i < rows; i++) {
            for (int j = i + 1; j < rows; j++) {
                double s = 0;
                int a = i * dim;
                int b = j * dim;
                for (int k = 0; k < dim; k++) {
                    double diff = (double) embeddings[a + k] - embeddings[b + k];
                    s += diff * diff;
                }
                out[i * rows + j] = s;
                out[j * rows + i] = s;
            }
        }
        return new PairwiseDistances(rows, out);
    }

    /** Same, for double-precision embeddings. */
    public static PairwiseDistances of(double[] embeddings, int rows, int dim) {
        check(embeddings.length, rows, dim);
        double[] out = new double[rows * rows];
        for (int i = 0; i < rows; i++) {
            for (int j = i + 1; j < rows; j++) {
                double s = 0;
                int a = i * dim;
                int b = j * dim;
                for (int k = 0; k < dim; k++) {
                    double diff = embeddings[a + k] - embeddings[b + k];
                    s += diff * diff;
                }
                out[i * rows + j] = s;
                out[j * rows + i] = s;
            }
        }
        return new PairwiseDistances(rows, out);
    }

    private static void check(int length, int rows, int dim) {
        if (rows < 0 || dim <= 0 || length != (long) rows * dim) {
            throw new IllegalArgumentException("expected " + rows + " × " + dim + " embedding values, got " + length);
        }
    }

    public int rows() {
        return rows;
    }

    /** Squared distance between rows i and j. */
    public double get(int i, int j) {
        return d[i * rows + j];
    }
}
