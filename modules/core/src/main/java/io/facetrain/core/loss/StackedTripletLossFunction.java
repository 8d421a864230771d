package io.facetrain.core.loss;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The triplet loss as a DL4J {@link ILossFunction}, for a {@code LossLayer} fed minibatches laid out as
 * [anchors; positives; negatives] (3n rows, labels ignored). It lets DL4J's own machinery — {@code fit()},
 * and {@code GradientCheckUtil} on a whole network — run the same loss as {@link TripletLoss}.
 *
 * <p>DL4J conventions apply: the per-row score array holds triplet i's loss on row i (and 0 on the positive
 * and negative rows), {@code computeScore(..., average=true)} divides the sum by the 3n rows, and the
 * gradient is per row, undivided (DL4J's updater divides by the 3n rows). So through this class the
 * effective objective is (1/3n) Σ L = (1/3) × {@link TripletLoss}'s mean over triplets.
 */
public final class StackedTripletLossFunction implements ILossFunction {

    private static final long serialVersionUID = 1L;

    @JsonProperty("margin")
    private final double margin;

    /** With FaceNet's margin α = 0.2. */
    public StackedTripletLossFunction() {
        this(TripletLoss.DEFAULT_MARGIN);
    }

    public StackedTripletLossFunction(@JsonProperty("margin") double margin) {
        new TripletLoss(margin);
        this.margin = margin;
    }

    public double margin() {
        return margin;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray scores = computeScoreArray(labels, preOutput, activationFn, mask);
        double sum = scores.sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        rejectMask(mask);
        int rows = (int) preOutput.size(0);
        int dim = (int) preOutput.size(1);
        double[] e = activated(preOutput, activationFn, rows, dim);
        int n = triplets(rows);
        double[] perTriplet = new TripletLoss(margin).perTriplet(e, dim, Triplets.stacked(n));
        double[] perRow = new double[rows];
        System.arraycopy(perTriplet, 0, perRow, 0, n);
        return Nd4j.create(perRow, new long[] {rows, 1}, 'c').castTo(preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        rejectMask(mask);
        int rows = (int) preOutput.size(0);
        int dim = (int) preOutput.size(1);
        double[] e = activated(preOutput, activationFn, rows, dim);
        int n = triplets(rows);
        double[] grad = new double[e.length];
        new TripletLoss(margin).compute(e, rows, dim, Triplets.stacked(n), grad);
        // TripletLoss's gradient is of the mean over n triplets; DL4J wants the undivided per-row gradient.
        for (int i = 0; i < grad.length; i++) {
            grad[i] *= n;
        }
        INDArray dLdOut = Nd4j.create(grad, new long[] {rows, dim}, 'c').castTo(preOutput.dataType());
        return activationFn.backprop(preOutput.dup(), dLdOut).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "StackedTripletLoss(margin=" + margin + ")";
    }

    @Override
    public String toString() {
        return name();
    }

    private static double[] activated(INDArray preOutput, IActivation activationFn, int rows, int dim) {
        INDArray out = activationFn.getActivation(preOutput.dup(), true).castTo(DataType.DOUBLE);
        double[][] m = out.toDoubleMatrix();
        double[] flat = new double[rows * dim];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(m[r], 0, flat, r * dim, dim);
        }
        return flat;
    }

    private static int triplets(int rows) {
        if (rows % 3 != 0) {
            throw new IllegalArgumentException("a [anchors; positives; negatives] batch needs a multiple of 3 rows, got "
                    + rows);
        }
        return rows / 3;
    }

    private static void rejectMask(INDArray mask) {
        if (mask != null) {
            throw new IllegalArgumentException("the triplet loss does not support label masks");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StackedTripletLossFunction && ((StackedTripletLossFunction) o).margin == margin;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(margin);
    }
}
