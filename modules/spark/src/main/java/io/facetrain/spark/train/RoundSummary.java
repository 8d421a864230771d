package io.facetrain.spark.train;

import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.train.StepTimings;
import io.facetrain.core.train.TrainingListener;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One round's worker reports combined on the driver. Losses and active fractions are over all workers'
 * steps; mining statistics and images are summed; step timings are the mean worker's (every worker ran the
 * same steps, in lockstep), so that images over step time is the throughput of all workers together.
 */
final class RoundSummary {

    private final List<WorkerRoundReport> reports;
    private final int steps;
    private final long workerSteps;
    private final double lossSum;
    private final long active;
    private final long examined;
    private final long images;
    private final MiningStats roundMining;
    private final MiningStats stepMining;
    private final StepTimings meanTimings;
    private final long embedNanos;
    private final long exchangeNanos;
    private final long stepNanos;
    private final long setupNanos;

    private RoundSummary(List<WorkerRoundReport> reports, int steps) {
        this.reports = List.copyOf(reports);
        this.steps = steps;
        double loss = 0;
        long act = 0;
        long exam = 0;
        long img = 0;
        MiningStats roundStats = MiningStats.EMPTY;
        MiningStats stepStats = MiningStats.EMPTY;
        StepTimings sum = StepTimings.ZERO;
        long embed = 0;
        long exchange = 0;
        long setup = 0;
        long taken = 0;
        for (WorkerRoundReport r : reports) {
            taken += r.result().steps();
            loss += r.result().lossSum();
            act += r.result().active();
            exam += r.result().examined();
            img += r.result().images();
            roundStats = roundStats.plus(r.result().roundMining());
            stepStats = stepStats.plus(r.result().stepMining());
            sum = sum.plus(r.result().timings());
            embed = Math.max(embed, r.result().embedNanos());
            exchange += r.exchangeNanos();
            setup = Math.max(setup, r.setupNanos());
        }
        int w = reports.size();
        this.workerSteps = taken;
        this.lossSum = loss;
        this.active = act;
        this.examined = exam;
        this.images = img;
        this.roundMining = roundStats;
        this.stepMining = stepStats;
        this.meanTimings = new StepTimings(sum.dataNanos() / w, sum.forwardNanos() / w, sum.lossNanos() / w,
                sum.backwardNanos() / w, sum.updateNanos() / w);
        this.embedNanos = embed;
        this.exchangeNanos = exchange;
        this.stepNanos = sum.totalNanos();
        this.setupNanos = setup;
    }

    /**
     * @param reports   one report per worker, in any order
     * @param workers   the number of workers of the run
     * @param round     the round, from 0
     * @param firstStep the round's first global step
     * @param steps     the steps every worker had to take
     * @throws IllegalStateException when a worker is missing, reported twice, or took other steps
     */
    static RoundSummary of(List<WorkerRoundReport> reports, int workers, int round, long firstStep, int steps) {
        Objects.requireNonNull(reports, "reports");
        boolean[] seen = new boolean[workers];
        for (WorkerRoundReport r : reports) {
            if (r.worker() < 0 || r.worker() >= workers || seen[r.worker()]) {
                throw new IllegalStateException("round " + (round + 1) + ": unexpected or repeated report of worker "
                        + r.worker() + " among " + workers + " workers");
            }
            seen[r.worker()] = true;
            // A task of a retried stage attempt continues the round from the server's version, so it takes
            // only the round's remaining steps; every task must end the round at the same step.
            if (r.round() != round || r.firstStep() != firstStep || r.endStep() != firstStep + steps) {
                throw new IllegalStateException("round " + (round + 1) + ": worker " + r.worker() + " ran round "
                        + (r.round() + 1) + " with " + r.result().steps() + " steps from step " + r.startStep()
                        + ", expected the steps " + firstStep + " to " + (firstStep + steps - 1));
            }
        }
        if (reports.size() != workers) {
            throw new IllegalStateException("round " + (round + 1) + ": " + reports.size() + " of " + workers
                    + " workers reported");
        }
        return new RoundSummary(reports, steps);
    }

    /** Training images embedded by all workers' steps. */
    long images() {
        return images;
    }

    /** The mean worker's step timings. */
    StepTimings meanTimings() {
        return meanTimings;
    }

    double meanLoss() {
        // Over the steps the reporting tasks took: a retried task reports only the steps it took itself.
        return lossSum / Math.max(1, workerSteps);
    }

    double activeFraction() {
        return examined == 0 ? 0 : (double) active / examined;
    }

    /** All workers' training images per second of (mean worker) step time. */
    double imagesPerSecond() {
        return images / Math.max(1e-9, meanTimings.totalNanos() / 1e9);
    }

    /** Share of the workers' step time spent blocked in push-and-pull (exchange and waiting for the others). */
    double exchangeFraction() {
        return stepNanos == 0 ? 0 : (double) exchangeNanos / stepNanos;
    }

    /** The round's report in the single-process format. */
    TrainingListener.RoundReport report(int round, long residentBytes, double elapsedSeconds) {
        return new TrainingListener.RoundReport(round, steps, meanLoss(), activeFraction(), roundMining, stepMining,
                imagesPerSecond(), meanTimings, embedNanos / 1e9, residentBytes, elapsedSeconds);
    }

    /** One line on how the workers spent the round. */
    String workersLine(int round) {
        StringBuilder b = new StringBuilder(String.format("round %d: %d workers, %.1f%% of step time in push-and-pull, "
                + "task setup up to %.2f s", round, reports.size(), 100 * exchangeFraction(), setupNanos / 1e9));
        for (WorkerRoundReport r : reports.stream().sorted(Comparator.comparingInt(WorkerRoundReport::worker)).toList()) {
            String gpu = r.device().hasGpu() ? ", " + r.device().describe() : "";
            b.append(String.format("; worker %d (%s, pid %d%s): %d persons, %d images, loss %.4f", r.worker(),
                    r.executor(), r.pid(), gpu, r.persons(), r.images(), r.result().meanLoss()));
            if (r.stageAttempt() > 0) {
                b.append(String.format(" (stage attempt %d, steps from %d)", r.stageAttempt(), r.startStep()));
            }
        }
        return b.toString();
    }
}
