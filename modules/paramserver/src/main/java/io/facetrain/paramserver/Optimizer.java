package io.facetrain.paramserver;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The server's parameters and optimiser state as ND4J arrays, updated by ND4J's own
 * {@link GradientUpdater}: the combined gradient is turned into an update in place and subtracted,
 * exactly as DL4J's network updaters do. The state is one flat array so it can be checkpointed and
 * restored bit for bit. Used from the server agent's thread only.
 */
final class Optimizer implements AutoCloseable {
    private final OptimizerSpec spec;
    private final int parameterCount;
    private final INDArray parameters;
    private final INDArray gradient;
    private final INDArray state;
    private final GradientUpdater<?> updater;

    /**
     * @param spec the optimiser
     * @param initialParameters parameter values (copied)
     * @param initialState optimiser state of {@code spec.stateSize(n)} floats (copied), e.g. all zeros
     *     for a fresh run or a checkpoint's state
     */
    Optimizer(OptimizerSpec spec, float[] initialParameters, float[] initialState) {
        this.spec = spec;
        this.parameterCount = initialParameters.length;
        long stateSize = spec.stateSize(parameterCount);
        if (initialState.length != stateSize) {
            throw new IllegalArgumentException(spec.typeName() + " needs " + stateSize + " floats of state for "
                    + parameterCount + " parameters, got " + initialState.length);
        }
        // Row vectors, as DL4J lays out flattened parameters: updaters derive the gradient shape from the view.
        this.parameters = Nd4j.create(initialParameters, new long[] {1, parameterCount}, 'c');
        this.gradient = Nd4j.create(DataType.FLOAT, 1, parameterCount);
        this.state = stateSize == 0 ? null : Nd4j.create(initialState, new long[] {1, stateSize}, 'c');
        this.updater = spec.toUpdater().instantiate(state, false);
    }

    /**
     * Applies one optimiser step with the combined gradient and copies the new parameters out.
     *
     * @param combinedGradient the weighted mean gradient of the step
     * @param iteration the step number (Adam's bias correction depends on it)
     * @param parametersOut receives the updated parameters
     */
    void apply(float[] combinedGradient, long iteration, float[] parametersOut) {
        view(gradient).put(combinedGradient, 0, parameterCount);
        updater.applyUpdater(gradient, (int) Math.min(iteration, Integer.MAX_VALUE), 0);
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

    OptimizerSpec spec() {
        return spec;
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
