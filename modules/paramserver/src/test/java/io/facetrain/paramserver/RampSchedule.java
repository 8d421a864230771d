package io.facetrain.paramserver;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * An application-defined learning-rate schedule (not one of ND4J's), shaped like the trainer's
 * warm-up schedules: linear from {@code peak / warmupSteps} up to {@code peak} over the first
 * {@code warmupSteps} iterations, then halved every {@code halfLife} iterations. It proves the server
 * evaluates, checkpoints and restores any {@link ISchedule} that ND4J's JSON can carry.
 */
final class RampSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;

    @JsonProperty("peak")
    private final double peak;
    @JsonProperty("warmupSteps")
    private final int warmupSteps;
    @JsonProperty("halfLife")
    private final int halfLife;

    RampSchedule(@JsonProperty("peak") double peak, @JsonProperty("warmupSteps") int warmupSteps,
                 @JsonProperty("halfLife") int halfLife) {
        this.peak = peak;
        this.warmupSteps = warmupSteps;
        this.halfLife = halfLife;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmupSteps) {
            return peak * (iteration + 1) / warmupSteps;
        }
        return peak * Math.pow(0.5, (double) (iteration - warmupSteps) / halfLife);
    }

    @Override
    public ISchedule clone() {
        return new RampSchedule(peak, warmupSteps, halfLife);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RampSchedule other && peak == other.peak && warmupSteps == other.warmupSteps
                && halfLife == other.halfLife;
    }

    @Override
    public int hashCode() {
        return Objects.hash(peak, warmupSteps, halfLife);
    }

    @Override
    public String toString() {
        return "RampSchedule(peak=" + peak + ", warmup=" + warmupSteps + ", halfLife=" + halfLife + ")";
    }
}
