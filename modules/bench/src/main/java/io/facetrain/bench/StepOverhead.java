package io.facetrain.bench;

import io.facetrain.spark.train.WorkerRoundReport;

import java.util.List;
import java.util.Objects;

/**
 * The share of facetrain's step time that is not computing: time a worker spends blocked in push-and-pull
 * (sending its gradient, waiting at the step's barrier for the other workers and the server, receiving the
 * new parameters), over its whole step time, summed over all workers and rounds.
 */
public final class StepOverhead {

    /**
     * One worker's round.
     *
     * @param exchangeNanos time blocked in push-and-pull
     * @param stepNanos     time of all its steps (the exchange included)
     */
    public record WorkerTime(long exchangeNanos, long stepNanos) {
        public WorkerTime {
            if (stepNanos < 0 || exchangeNanos < 0 || exchangeNanos > stepNanos) {
                throw new IllegalArgumentException("exchange time " + exchangeNanos + " ns must be within the step time "
                        + stepNanos + " ns");
            }
        }

        static WorkerTime of(WorkerRoundReport report) {
            return new WorkerTime(report.exchangeNanos(), report.result().timings().totalNanos());
        }
    }

    private StepOverhead() {
    }

    /** {@link #fraction} of the distributed trainer's worker reports. */
    public static double ofReports(List<WorkerRoundReport> reports) {
        Objects.requireNonNull(reports, "reports");
        return fraction(reports.stream().map(WorkerTime::of).toList());
    }

    /**
     * @param times every worker's every round
     * @return exchange and barrier wait as a fraction of step time, in [0, 1]
     * @throws IllegalArgumentException when there is no step time at all
     */
    public static double fraction(List<WorkerTime> times) {
        Objects.requireNonNull(times, "times");
        long exchange = 0;
        long step = 0;
        for (WorkerTime t : times) {
            exchange += t.exchangeNanos();
            step += t.stepNanos();
        }
        if (step <= 0) {
            throw new IllegalArgumentException("no step time in " + times.size() + " worker rounds");
        }
        return (double) exchange / step;
    }
}
