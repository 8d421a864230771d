package io.facetrain.paramserver;

import java.io.Serializable;
import java.util.Locale;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * One optimiser for every parameter, as plain values (so it can be configured and compared);
 * {@link #toUpdater()} maps it to ND4J's updater and {@link #plan(long)} to the uniform
 * {@link UpdatePlan} the server applies. Networks whose parameters need different rules (batch-norm
 * running statistics, learning-rate schedules) give the server an {@link UpdatePlan} instead.
 *
 * @param type which optimiser
 * @param learningRate step size, > 0
 * @param beta1 Adam's first-moment decay, in [0, 1)
 * @param beta2 Adam's second-moment decay, in [0, 1)
 * @param epsilon Adam's denominator guard, > 0
 * @param momentum SGD momentum in [0, 1); 0 is plain SGD, above 0 Nesterov momentum
 */
public record OptimizerSpec(Type type, double learningRate, double beta1, double beta2, double epsilon,
                            double momentum) implements Serializable {

    /** Supported optimisers. */
    public enum Type {
        /** Adam (ND4J {@code Adam}). */
        ADAM,
        /** SGD, with Nesterov momentum when momentum is above 0 (ND4J {@code Sgd} / {@code Nesterovs}). */
        SGD
    }

    public OptimizerSpec {
        if (type == null) {
            throw new IllegalArgumentException("optimizer.type must be adam or sgd");
        }
        requirePositive("optimizer.learning-rate", learningRate);
        requireUnitInterval("optimizer.beta1", beta1);
        requireUnitInterval("optimizer.beta2", beta2);
        requirePositive("optimizer.epsilon", epsilon);
        requireUnitInterval("optimizer.momentum", momentum);
    }

    /** Adam with the usual defaults for the moments. */
    public static OptimizerSpec adam(double learningRate) {
        return adam(learningRate, Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY, Adam.DEFAULT_ADAM_BETA2_VAR_DECAY,
                Adam.DEFAULT_ADAM_EPSILON);
    }

    /** Adam with explicit moment decays and epsilon. */
    public static OptimizerSpec adam(double learningRate, double beta1, double beta2, double epsilon) {
        return new OptimizerSpec(Type.ADAM, learningRate, beta1, beta2, epsilon, 0.0);
    }

    /** SGD; {@code momentum > 0} selects Nesterov momentum. */
    public static OptimizerSpec sgd(double learningRate, double momentum) {
        return new OptimizerSpec(Type.SGD, learningRate, Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY,
                Adam.DEFAULT_ADAM_BETA2_VAR_DECAY, Adam.DEFAULT_ADAM_EPSILON, momentum);
    }

    /** The ND4J updater configuration this spec stands for. */
    public IUpdater toUpdater() {
        return switch (type) {
            case ADAM -> new Adam(learningRate, beta1, beta2, epsilon);
            case SGD -> momentum > 0 ? new Nesterovs(learningRate, momentum) : new Sgd(learningRate);
        };
    }

    /** This optimiser for all of {@code parameterCount} parameters. */
    public UpdatePlan plan(long parameterCount) {
        return UpdatePlan.uniform(toUpdater(), parameterCount);
    }

    /** Floats of optimiser state for {@code parameterCount} parameters. */
    public long stateSize(long parameterCount) {
        return toUpdater().stateSize(parameterCount);
    }

    /** Lower-case name as used in configuration files. */
    public String typeName() {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static void requirePositive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(key + " must be a finite number > 0, got " + value);
        }
    }

    private static void requireUnitInterval(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1), got " + value);
        }
    }
}
