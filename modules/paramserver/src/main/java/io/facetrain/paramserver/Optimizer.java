package io.facetrain.paramserver;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The server's parameters and optimiser state as ND4J arrays, updated by ND4J's own
 * {@link GradientUpdater}s as an {@link UpdatePlan} says: each range's updater turns its slice of the
 * combined gradient into an update in place, then {@code parameters −= update} over the whole vector,
 * exactly as DL4J's network updaters (and the in-process trainer) do. A {@code NoOp} range leaves its
 * slice as it is, so those parameters move by the combined value itself. The state of all ranges is
 * one flat array, each range owning the next slice of it, so it can be checkpointed and restored bit
 * for bit. Used from the server agent's thread only.
 */
final class Optimizer implements AutoCloseable {
    private final UpdatePlan plan;
    private final int parameterCount;
    private final INDArray parameters;
    private final INDArray gradient;
    private final INDArray state;
    private final List<GradientUpdater<?>> updaters = new ArrayList<>();
    private final List<INDArray> gradientSlices = new ArrayList<>();

    /**
     * @param plan the update rule of every range
     * @param initialParameters parameter values (copied), as many as the plan covers
     * @param initialState optimiser state of {@code plan.stateSize()} floats (copied): {@link #freshState}
     *     for a new run, or a checkpoint's state
     */
    Optimizer(UpdatePlan plan, float[] initialParameters, float[] initialState) {
        this.plan = plan;
        this.parameterCount = initialParameters.length;
        if (plan.parameterCount() != parameterCount) {
            throw new IllegalArgumentException(plan + " cannot update " + parameterCount + " parameters");
        }
        if (initialState.length != plan.stateSize()) {
            throw new IllegalArgumentException(plan + " needs " + plan.stateSize() + " floats of state, got "
                    + initialState.length);
        }
        // Row vectors, as DL4J lays out flattened parameters: updaters derive the gradient shape from the view.
        this.parameters = Nd4j.create(initialParameters, new long[] {1, parameterCount}, 'c');
        this.gradient = Nd4j.create(DataType.FLOAT, 1, parameterCount);
        this.state = initialState.length == 0 ? null
                : Nd4j.create(initialState, new long[] {1, initialState.length}, 'c');
        long stateOffset = 0;
        for (UpdateRange range : plan.ranges()) {
            long size = range.stateSize();
            INDArray stateSlice = size == 0 ? null : slice(state, stateOffset, size);
            updaters.add(range.updater().instantiate(stateSlice, false));
            gradientSlices.add(slice(gradient, range.offset(), range.length()));
            stateOffset += size;
        }
    }

    /**
     * The optimiser state a new run starts from, as ND4J initialises it (zeros for Adam and SGD
     * momentum, epsilon for AdaGrad, ...).
     */
    static float[] freshState(UpdatePlan plan) {
        long size = plan.stateSize();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(plan + " needs " + size + " floats of state, more than one array holds");
        }
        if (size == 0) {
            return new float[0];
        }
        float[] values = new float[(int) size];
        try (INDArray fresh = Nd4j.create(DataType.FLOAT, 1, size)) {
            long offset = 0;
            for (UpdateRange range : plan.ranges()) {
                if (range.stateSize() > 0) {
                    range.updater().instantiate(slice(fresh, offset, range.stateSize()), true);
                    offset += range.stateSize();
                }
            }
            view(fresh).get(values);
        }
        return values;
    }

    /**
     * Applies one optimiser step with the combined gradient and copies the new parameters out.
     *
     * @param combinedGradient the weighted mean gradient of the step
     * @param iteration the step number: learning-rate schedules and Adam's bias correction depend on it
     * @param parametersOut receives the updated parameters
     */
    void apply(float[] combinedGradient, long iteration, float[] parametersOut) {
        view(gradient).put(combinedGradient, 0, parameterCount);
        int ndIteration = (int) Math.min(iteration, Integer.MAX_VALUE);
        for (int i = 0; i < updaters.size(); i++) {
            updaters.get(i).applyUpdater(gradientSlices.get(i), ndIteration, 0);
        }
        parameters.subi(gradient);
        view(parameters).get(parametersOut, 0, parameterCount);
    }

    /** A copy of the optimiser state. */
    float[] stateSnapshot() {
        float[] copy = new float[state == null ? 0 : (int) state.length()];
        if (state != null) {
            view(state).get(copy);
        }
        return copy;
    }

    UpdatePlan plan() {
        return plan;
    }

    /**
     * Elements {@code [offset, offset + length)} of a dense row vector, as a view whose element-wise stride is
     * declared 1; the vector itself when that is all of it. ND4J's native ops take their vectorised path only
     * for such views: a view made by {@code get(interval)} of a longer row is walked element by element, many
     * times slower (measured: Adam over 1 MB pieces of a 25M-parameter vector took seconds instead of
     * milliseconds), which every plan of more than one range (every network's) would pay at each step.
     */
    private static INDArray slice(INDArray row, long offset, long length) {
        if (offset == 0 && length == row.length()) {
            return row;
        }
        if (row.rank() != 2 || row.size(0) != 1 || row.stride(1) != 1 || offset + length > row.length()) {
            throw new IllegalStateException("expected a dense row vector of at least " + (offset + length)
                    + " elements, got shape " + Arrays.toString(row.shape()) + " with strides "
                    + Arrays.toString(row.stride()));
        }
        return Nd4j.create(row.data(), new long[] {1, length}, new long[] {length, 1}, row.offset() + offset, 1, 'c');
    }

    private static FloatBuffer view(INDArray array) {
        return array.data().asNioFloat();
    }

    @Override
    public void close() {
        parameters.close();
        gradient.close();
        if (state != null) {
            state.close();
        }
    }
}
