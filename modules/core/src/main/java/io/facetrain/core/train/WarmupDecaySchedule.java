package io.facetrain.core.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Locale;
import java.util.Objects;

/**
 * A learning-rate schedule by iteration: a linear warm-up from {@code initial / warmup} to {@code initial}
 * over the first {@code warmupSteps} steps, then one of
 * <ul>
 *   <li>{@code constant}: {@code initial};</li>
 *   <li>{@code cosine}: half a cosine from {@code initial} down to {@code finalFraction × initial} at
 *       {@code totalSteps}, constant after;</li>
 *   <li>{@code step}: multiplied by {@code stepFactor} every {@code stepEvery} steps after the warm-up.</li>
 * </ul>
 * It is an ND4J {@link ISchedule}, so it travels inside the optimiser configuration (and the saved model,
 * and to a parameter server) and is evaluated at the iteration the optimiser is given.
 */
public final class WarmupDecaySchedule implements ISchedule {

    private static final long serialVersionUID = 1L;

    @JsonProperty("initial")
    private final double initial;
    @JsonProperty("warmupSteps")
    private final int warmupSteps;
    @JsonProperty("decay")
    private final String decay;
    @JsonProperty("totalSteps")
    private final int totalSteps;
    @JsonProperty("finalFraction")
    private final double finalFraction;
    @JsonProperty("stepEvery")
    private final int stepEvery;
    @JsonProperty("stepFactor")
    private final double stepFactor;

    public WarmupDecaySchedule(@JsonProperty("initial") double initial, @JsonProperty("warmupSteps") int warmupSteps,
                               @JsonProperty("decay") String decay, @JsonProperty("totalSteps") int totalSteps,
                               @JsonProperty("finalFraction") double finalFraction,
                               @JsonProperty("stepEvery") int stepEvery, @JsonProperty("stepFactor") double stepFactor) {
        this.initial = initial;
        this.warmupSteps = warmupSteps;
        this.decay = Objects.requireNonNull(decay, "decay").toLowerCase(Locale.ROOT);
        this.totalSteps = totalSteps;
        this.finalFraction = finalFraction;
        this.stepEvery = stepEvery;
        this.stepFactor = stepFactor;
        if (!(initial > 0) || Double.isInfinite(initial)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + initial);
        }
        if (warmupSteps < 0 || totalSteps < 1 || stepEvery < 1) {
            throw new IllegalArgumentException("warm-up steps must be >= 0 and total steps and step-every >= 1");
        }
        if (!(finalFraction >= 0) || finalFraction > 1 || !(stepFactor > 0) || stepFactor > 1) {
            throw new IllegalArgumentException("final fraction must be in [0, 1] and step factor in (0, 1]");
        }
        if (!this.decay.equals("constant") && !this.decay.equals("cosine") && !this.decay.equals("step")) {
            throw new IllegalArgumentException("schedule must be constant, cosine or step, got '" + decay + "'");
        }
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmupSteps) {
            return initial * (iteration + 1) / warmupSteps;
        }
        int after = iteration - warmupSteps;
        switch (decay) {
            case "cosine":
                double span = Math.max(1, totalSteps - warmupSteps);
                double progress = Math.min(1.0, after / span);
                return initial * (finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * progress)));
            case "step":
                return initial * Math.pow(stepFactor, after / stepEvery);
            default:
                return initial;
        }
    }

    @Override
    public ISchedule clone() {
        return new WarmupDecaySchedule(initial, warmupSteps, decay, totalSteps, finalFraction, stepEvery, stepFactor);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WarmupDecaySchedule)) {
            return false;
        }
        WarmupDecaySchedule s = (WarmupDecaySchedule) o;
        return initial == s.initial && warmupSteps == s.warmupSteps && decay.equals(s.decay) && totalSteps == s.totalSteps
                && finalFraction == s.finalFraction && stepEvery == s.stepEvery && stepFactor == s.stepFactor;
    }

    @Override
    public int hashCode() {
        return Objects.hash(initial, warmupSteps, decay, totalSteps, finalFraction, stepEvery, stepFactor);
    }

    @Override
    public String toString() {
        return "WarmupDecaySchedule(" + decay + ", initial=" + initial + ", warmup=" + warmupSteps + ", total="
                + totalSteps + ", final=" + finalFraction + ", every=" + stepEvery + ", factor=" + stepFactor + ")";
    }
}
