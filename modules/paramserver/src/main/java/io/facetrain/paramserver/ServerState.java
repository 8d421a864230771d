package io.facetrain.paramserver;

import java.util.Arrays;

/**
 * Everything a server needs to continue a run bit-identically: the parameter version (the step
 * computed next), the {@link UpdatePlan}, the parameters and the optimiser state (the ranges' states
 * one after the other, in range order). What a checkpoint holds. The arrays are owned by this
 * object; callers must not modify them.
 */
public final class ServerState {
    private final long version;
    private final UpdatePlan plan;
    private final float[] parameters;
    private final float[] optimizerState;

    /**
     * @throws IllegalArgumentException if the version is negative, there are no parameters, the plan
     *     covers a different number of parameters, or the state length does not match what the plan needs
     */
    public ServerState(long version, UpdatePlan plan, float[] parameters, float[] optimizerState) {
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, got " + version);
        }
        requireParameters(parameters);
        if (plan == null || plan.parameterCount() != parameters.length) {
            throw new IllegalArgumentException("the update plan must cover the " + parameters.length
                    + " parameters, got " + plan);
        }
        if (optimizerState == null || optimizerState.length != plan.stateSize()) {
            throw new IllegalArgumentException(plan + " needs " + plan.stateSize() + " floats of state, got "
                    + (optimizerState == null ? "none" : optimizerState.length));
        }
        this.version = version;
        this.plan = plan;
        this.parameters = parameters;
        this.optimizerState = optimizerState;
    }

    /**
     * A state whose plan applies {@code optimizer} to every parameter.
     *
     * @throws IllegalArgumentException as {@link #ServerState(long, UpdatePlan, float[], float[])}
     */
    public ServerState(long version, OptimizerSpec optimizer, float[] parameters, float[] optimizerState) {
        this(version, uniformPlan(optimizer, parameters, optimizerState), parameters, optimizerState);
    }

    /** Version 0 with fresh optimiser state, as ND4J initialises it. The parameters are copied. */
    public static ServerState initial(float[] parameters, UpdatePlan plan) {
        requireParameters(parameters);
        float[] copy = parameters.clone();
        if (plan == null || plan.parameterCount() != copy.length) {
            throw new IllegalArgumentException("the update plan must cover the " + copy.length + " parameters, got "
                    + plan);
        }
        return new ServerState(0, plan, copy, Optimizer.freshState(plan));
    }

    /** Version 0 with fresh optimiser state and {@code optimizer} for every parameter. The parameters are copied. */
    public static ServerState initial(float[] parameters, OptimizerSpec optimizer) {
        requireParameters(parameters);
        return initial(parameters, optimizer.plan(parameters.length));
    }

    public long version() {
        return version;
    }

    /** How each range of the parameters is updated. */
    public UpdatePlan plan() {
        return plan;
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

    /** True when both states hold the same version, equal plans and bit-identical arrays. */
    public boolean sameAs(ServerState other) {
        return version == other.version && plan.equals(other.plan)
                && Arrays.equals(parameters, other.parameters) && Arrays.equals(optimizerState, other.optimizerState);
    }

    private static void requireParameters(float[] parameters) {
        if (parameters == null || parameters.length == 0) {
            throw new IllegalArgumentException("a server needs at least one parameter");
        }
    }

    private static UpdatePlan uniformPlan(OptimizerSpec optimizer, float[] parameters, float[] optimizerState) {
        requireParameters(parameters);
        long expectedState = optimizer.stateSize(parameters.length);
        if (optimizerState == null || optimizerState.length != expectedState) {
            throw new IllegalArgumentException(optimizer.typeName() + " state for " + parameters.length
                    + " parameters must hold " + expectedState + " floats, got "
                    + (optimizerState == null ? "none" : optimizerState.length));
        }
        return optimizer.plan(parameters.length);
    }

    @Override
    public String toString() {
        return "ServerState[version=" + version + ", " + plan + "]";
    }
}
