package io.facetrain.core.train;

import java.time.Duration;

/**
 * How long training runs ({@code facetrain.train.schedule}): rounds of steps, a wall-time budget and
 * the progress-report interval.
 *
 * @param rounds        rounds to run; each starts by embedding the training images and mining
 * @param stepsPerRound steps (minibatch updates) per round
 * @param timeBudget    stop cleanly (finish the step, evaluate, save) once training has run this long;
 *                      zero for no limit
 * @param logEverySteps print a progress line every this many steps
 */
public record RunConfig(int rounds, int stepsPerRound, Duration timeBudget, int logEverySteps) {

    public RunConfig {
        if (rounds < 1 || rounds > 1_000_000) {
            throw new IllegalArgumentException("train.schedule.rounds must be in [1, 1000000], got " + rounds);
        }
        if (stepsPerRound < 1 || stepsPerRound > 10_000_000) {
            throw new IllegalArgumentException("train.schedule.steps-per-round must be in [1, 10000000], got "
                    + stepsPerRound);
        }
        if (timeBudget == null || timeBudget.isNegative()) {
            throw new IllegalArgumentException("train.schedule.time-budget must be >= 0, got " + timeBudget);
        }
        if (logEverySteps < 1) {
            throw new IllegalArgumentException("train.schedule.log-every-steps must be >= 1, got " + logEverySteps);
        }
    }

    static RunConfig read(SectionReader s) {
        return new RunConfig(s.getInt("rounds"), s.getInt("steps-per-round"), s.getDuration("time-budget"),
                s.getInt("log-every-steps"));
    }

    /** Steps of a complete run. */
    public long totalSteps() {
        return (long) rounds * stepsPerRound;
    }

    /** Whether a time budget applies. */
    public boolean hasTimeBudget() {
        return !timeBudget.isZero();
    }
}
