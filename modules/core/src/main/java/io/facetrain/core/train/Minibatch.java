package io.facetrain.core.train;

import io.facetrain.core.loss.Triplets;

import java.util.Objects;
import java.util.Optional;

/**
 * The inputs of one training step: {@code rows} examples in the encoder's input layout, their person
 * labels, and either triplets fixed in advance (mined ahead, e.g. the [anchors; positives; negatives]
 * layout) or none, in which case the triplets are mined from the step's own embeddings.
 */
public final class Minibatch {

    private final float[] inputs;
    private final int rows;
    private final int[] labels;
    private final Triplets triplets;

    private Minibatch(float[] inputs, int rows, int[] labels, Triplets triplets) {
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (rows <= 0 || labels.length != rows) {
            throw new IllegalArgumentException("a minibatch needs rows > 0 and one label per row, got " + rows
                    + " rows and " + labels.length + " labels");
        }
        if (inputs.length % rows != 0) {
            throw new IllegalArgumentException(inputs.length + " input values do not divide into " + rows + " rows");
        }
        if (triplets != null && triplets.maxRow() >= rows) {
            throw new IllegalArgumentException("triplets index row " + triplets.maxRow() + " of a " + rows + "-row batch");
        }
        this.rows = rows;
        this.triplets = triplets;
    }

    /** A batch whose triplets are mined from its embeddings at training time (P×K layout). */
    public static Minibatch forOnlineMining(float[] inputs, int[] labels) {
        return new Minibatch(inputs, labels.length, labels.clone(), null);
    }

    /** A batch with triplets fixed in advance, indexing its rows. */
    public static Minibatch withTriplets(float[] inputs, int[] labels, Triplets triplets) {
        return new Minibatch(inputs, labels.length, labels.clone(), Objects.requireNonNull(triplets, "triplets"));
    }

    /** Input values, {@code rows × valuesPerRow}, in the encoder's input layout. Not copied: do not modify. */
    public float[] inputs() {
        return inputs;
    }

    public int rows() {
        return rows;
    }

    public int label(int row) {
        return labels[row];
    }

    public int[] labels() {
        return labels.clone();
    }

    /** The fixed triplets, or empty for online mining. */
    public Optional<Triplets> triplets() {
        return Optional.ofNullable(triplets);
    }
}
