package io.facetrain.core.train;

import java.util.List;

/**
 * What a training run did: its rounds, the validation curve, totals and throughput.
 *
 * @param rounds          one report per finished round
 * @param curve           validation accuracy against time, one point per validation
 * @param steps           steps run
 * @param imagesSeen      training images embedded in steps
 * @param trainingSeconds time spent training (round-start mining and steps; validation excluded)
 * @param wallSeconds     wall time of the whole loop, validation included
 * @param stoppedByBudget whether the time budget ended the run before the planned steps
 * @param timings         where the step time went, over the whole run
 */
public record TrainingHistory(List<TrainingListener.RoundReport> rounds, List<TrainingListener.CurvePoint> curve,
                              long steps, long imagesSeen, double trainingSeconds, double wallSeconds,
                              boolean stoppedByBudget, StepTimings timings) {

    public TrainingHistory {
        rounds = List.copyOf(rounds);
        curve = List.copyOf(curve);
    }

    /** Training images per second of step time. */
    public double imagesPerSecond() {
        double seconds = timings.totalNanos() / 1e9;
        return seconds <= 0 ? 0 : imagesSeen / seconds;
    }
}
