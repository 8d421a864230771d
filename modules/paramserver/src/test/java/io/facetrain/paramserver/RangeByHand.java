package io.facetrain.paramserver;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The reference for one {@link UpdateRange}, built apart from the server's optimiser: its own
 * gradient and state arrays and its own ND4J updater instance, applied to a copy of the range's
 * slice of the gradient, the update subtracted element by element in Java.
 */
final class RangeByHand implements AutoCloseable {
    private final UpdateRange range;
    private final INDArray gradient;
    private final INDArray state;
    private final GradientUpdater<?> updater;

    RangeByHand(UpdateRange range) {
        this.range = range;
        this.gradient = Nd4j.create(DataType.FLOAT, 1, range.length());
        this.state = range.stateSize() == 0 ? null : Nd4j.create(DataType.FLOAT, 1, range.stateSize());
        this.updater = range.updater().instantiate(state, true);
    }

    /** Applies the range's updater at {@code iteration} to its slice of {@code fullGradient}, in {@code parameters}. */
    void step(float[] fullGradient, long iteration, float[] parameters) {
        int offset = Math.toIntExact(range.offset());
        int length = Math.toIntExact(range.length());
        gradient.data().asNioFloat().put(fullGradient, offset, length);
        updater.applyUpdater(gradient, Math.toIntExact(iteration), 0);
        float[] update = gradient.toFloatVector();
        for (int i = 0; i < length; i++) {
            parameters[offset + i] -= update[i];
        }
    }

    @Override
    public void close() {
        gradient.close();
        if (state != null) {
            state.close();
        }
    }
}
