package io.facetrain.paramserver;

import java.util.Arrays;

/**
 * Everything a server needs to continue a run bit-identically: the parameter version (the step
 * computed next), the optimiser, the parameters and the optimiser state. What a checkpoint holds.
 * The arrays are owned by this object; callers must not modify them.
 */
public final class ServerState {
    private final long version;
    private final OptimizerSpec optimizer;
    private final float[] parameters;
    private final float[] optimizerState;

    /**
     * @throws IllegalArgumentException if the version is negative, there are no parameters, or the
     *     state length does not match what the optimiser needs
     */
    public ServerState(long version, OptimizerSpec optimizer, float[] parameters, float[] optimizerState) {
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, got " + version);
        }
        if (parameters == null || parameters.length == 0) {
            throw new IllegalArgumentException("a server needs at least one parameter");
        }
        long expectedState = optimizer.stateSize(parameters.length);
        if (optimizerState == null || optimizerState.length != expectedState) {
            throw new IllegalArgumentException(optimizer.typeName() + " state for " + parameters.length
                    + " parameters must hold " + expectedState + " floats, got "
                    + (optimizerState == null ? "none" : optimizerState.length));
        }
        this.version = version;
        this.optimizer = optimizer;
        this.parameters = parameters;
        this.optimizerState = optimizerState;
    }

    /** Version 0 with fresh (zero) optimiser state. The parameters are copied. */
    public static ServerState initial(float[] parameters, OptimizerSpec optimizer) {
        float[] copy = parameters.clone();
        return new ServerState(0, optimizer, copy, new float[(int) optimizer.stateSize(copy.length)]);
    }

    public long version() {
        return version;
    }

    public OptimizerSpec optimizer() {
        return optimizer;
    }

    /** The parameters (not a copy). */
    public float[] parameters() {
        return parameters;
    }

    /** The optimiser state (not a copy). */
    public float[] optimizerState() {
        return optimizerState;
    }

    public int parameterCount() {
        return parameters.length;
    }

    /** True when both states hold the same version, optimiser and bit-identical arrays. */
    public boolean sameAs(ServerState other) {
        return version == other.version && optimizer.equals(other.optimizer)
                && Arrays.equals(parameters, other.parameters) && Arrays.equals(optimizerState, other.optimizerState);
    }

    @Override
    public String toString() {
        return "ServerState[version=" + version + ", parameters=" + parameters.length + ", optimizer="
                + optimizer.typeName() + "]";
    }
}
