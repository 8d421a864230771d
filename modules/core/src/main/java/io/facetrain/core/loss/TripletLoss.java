package io.facetrain.core.loss;

/**
 * The FaceNet triplet loss on embeddings: for a triplet (A, P, N),
 * {@code L = max(‖f(A) − f(P)‖² − ‖f(A) − f(N)‖² + α, 0)}.
 *
 * <p>Normalisation: a batch's loss is the <b>mean over its triplets</b>, {@code J = (1/T) Σ L}. With that
 * choice, the weighted mean of W workers' gradients, weighted by their triplet counts T_w, equals the
 * gradient of the batch made of all their triplets:
 * {@code Σ_w (T_w / Σ T) · ∇(1/T_w Σ_{t∈w} L_t) = ∇(1/ΣT Σ_t L_t)}.
 *
 * <p>Gradient of one active triplet (L &gt; 0): ∂L/∂f(A) = 2(f(N) − f(P)), ∂L/∂f(P) = 2(f(P) − f(A)),
 * ∂L/∂f(N) = 2(f(A) − f(N)); each is scaled by 1/T and added to the rows the triplet indexes (a row used by
 * several triplets accumulates all of them). At exactly L = 0 the sub-gradient 0 is used.
 *
 * <p>This class works on plain arrays so that one implementation serves both the network loss layer and
 * the external loss of a P×K batch, and can be checked against finite differences directly.
 */
public final class TripletLoss {

    /** FaceNet's margin. */
    public static final double DEFAULT_MARGIN = 0.2;

    private final double margin;

    /** @param margin α, the margin between positive and negative squared distances; must be positive */
    public TripletLoss(double margin) {
        if (!(margin > 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("triplet margin must be a positive finite number, got " + margin);
        }
        this.margin = margin;
    }

    public double margin() {
        return margin;
    }

    /**
     * Computes J and, if {@code gradient} is not null, adds dJ/dEmbeddings to it.
     *
     * @param embeddings row-major {@code rows × dim} embeddings
     * @param rows       number of rows
     * @param dim        embedding dimension
     * @param triplets   triplets indexing the rows
     * @param gradient   null, or an array of the same layout that receives dJ/dEmbeddings (added)
     */
    public TripletLossResult compute(double[] embeddings, int rows, int dim, Triplets triplets, double[] gradient) {
        if (embeddings.length != (long) rows * dim) {
            throw new IllegalArgumentException("expected " + rows + " × " + dim + " embedding values, got "
                    + embeddings.length);
        }
        if (gradient != null && gradient.length != embeddings.length) {
            throw new IllegalArgumentException("gradient array has " + gradient.length + " values, expected "
                    + embeddings.length);
        }
        if (triplets.maxRow() >= rows) {
            throw new IllegalArgumentException("triplets index row " + triplets.maxRow() + " of a " + rows + "-row batch");
        }
        int t = triplets.size();
        if (t == 0) {
            return new TripletLossResult(0.0, 0, 0, 0.0, 0.0);
        }
        double scale = 2.0 / t;
        double sum = 0;
        double sumPos = 0;
        double sumNeg = 0;
        int active = 0;
        for (int i = 0; i < t; i++) {
            int a = triplets.anchor(i) * dim;
            int p = triplets.positive(i) * dim;
            int n = triplets.negative(i) * dim;
            double dPos = squaredDistance(embeddings, a, p, dim);
            double dNeg = squaredDistance(embeddings, a, n, dim);
            sumPos += dPos;
            sumNeg += dNeg;
            double loss = dPos - dNeg + margin;
            if (loss > 0) {
                sum += loss;
                active++;
                if (gradient != null) {
                    for (int k = 0; k < dim; k++) {
                        double ea = embeddings[a + k];
                        double ep = embeddings[p + k];
                        double en = embeddings[n + k];
                        gradient[a + k] += scale * (en - ep);
                        gradient[p + k] += scale * (ep - ea);
                        gradient[n + k] += scale * (ea - en);
                    }
                }
            }
        }
        return new TripletLossResult(sum / t, t, active, sumPos / t, sumNeg / t);
    }

    /** The loss of each triplet (before averaging). */
    public double[] perTriplet(double[] embeddings, int dim, Triplets triplets) {
        double[] out = new double[triplets.size()];
        for (int i = 0; i < out.length; i++) {
            int a = triplets.anchor(i) * dim;
            double dPos = squaredDistance(embeddings, a, triplets.positive(i) * dim, dim);
            double dNeg = squaredDistance(embeddings, a, triplets.negative(i) * dim, dim);
            out[i] = Math.max(dPos - dNeg + margin, 0.0);
        }
        return out;
    }

    static double squaredDistance(double[] e, int i, int j, int dim) {
        double s = 0;
        for (int k = 0; k < dim; k++) {
            double d = e[i + k] - e[j + k];
            s += d * d;
        }
        return s;
    }
}
