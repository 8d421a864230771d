package io.facetrain.spark.train;

import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.train.RoundRunner;
import io.facetrain.core.train.StepTimings;
import io.facetrain.core.train.TrainingListener;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundSummaryTest {

    private static final long MS = 1_000_000;

    /** A worker's round of 4 steps with 100 ms of step time, {@code exchangeMs} of it in push-and-pull. */
    private static WorkerRoundReport report(int worker, double lossSum, long active, long examined, int images,
                                            long exchangeMs) {
        return report(worker, lossSum, active, examined, images, exchangeMs, TaskDevice.NONE);
    }

    private static WorkerRoundReport report(int worker, double lossSum, long active, long examined, int images,
                                            long exchangeMs, TaskDevice device) {
        MiningStats mining = new MiningStats(examined, examined - active, active, 0, 10, 5.0, 20, 20.0, active);
        StepTimings timings = new StepTimings(10 * MS, 30 * MS, 10 * MS, 30 * MS, 20 * MS);
        RoundRunner.RoundResult result = new RoundRunner.RoundResult(4, lossSum, active, examined, images, timings,
                mining, mining, 50 * MS * (worker + 1));
        return new WorkerRoundReport(worker, 2, 8, 8, 0, "127.0.0.1:4000" + worker, 100 + worker, device, images, 3,
                result, exchangeMs * MS, 5 * MS, 200 * MS);
    }

    @Test
    void workersAreCombinedIntoOneRoundOfTheSingleProcessFormat() {
        RoundSummary summary = RoundSummary.of(List.of(report(1, 2.0, 30, 60, 48, 40), report(0, 1.2, 10, 40, 48, 20)),
                2, 2, 8, 4);
        assertEquals(96, summary.images());
        assertEquals((2.0 + 1.2) / 8, summary.meanLoss(), 1e-12, "mean over both workers' 8 steps");
        assertEquals(40.0 / 100, summary.activeFraction(), 1e-12);
        assertEquals(100 * MS, summary.meanTimings().totalNanos(), "the mean worker's step time");
        assertEquals(960.0, summary.imagesPerSecond(), 1e-9, "96 images in 0.1 s of lockstep steps");
        assertEquals(0.3, summary.exchangeFraction(), 1e-12, "60 of 200 ms blocked in push-and-pull");
        TrainingListener.RoundReport r = summary.report(3, 123, 4.5);
        assertEquals(3, r.round());
        assertEquals(4, r.steps());
        assertEquals(100, r.roundMining().considered());
        assertEquals(0.1, r.embedSeconds(), 1e-12, "the slowest worker's round-start pass");
        assertTrue(summary.workersLine(3).contains("worker 0 (127.0.0.1:40000, pid 100): 3 persons, 48 images"),
                summary.workersLine(3));
    }

    @Test
    void aWorkersGpuIsNamedOnlyWhenSparkGaveItOne() {
        RoundSummary summary = RoundSummary.of(List.of(report(0, 1.2, 10, 40, 48, 20, new TaskDevice("1", true)),
                report(1, 1.2, 10, 40, 48, 20, new TaskDevice("0", false))), 2, 2, 8, 4);
        String line = summary.workersLine(3);
        assertTrue(line.contains("worker 0 (127.0.0.1:40000, pid 100, gpu 1): "), line);
        assertTrue(line.contains("worker 1 (127.0.0.1:40001, pid 101, gpu 0 (not used: CPU backend)): "), line);
    }

    /** A task of a retried stage attempt that continued the round at {@code startStep}: 12 - startStep steps. */
    private static WorkerRoundReport retried(int worker, long startStep, double lossSum) {
        int steps = (int) (12 - startStep);
        StepTimings timings = new StepTimings(10 * MS, 30 * MS, 10 * MS, 30 * MS, 20 * MS);
        RoundRunner.RoundResult result = new RoundRunner.RoundResult(steps, lossSum, 1, 2, 8L * steps, timings,
                MiningStats.EMPTY, MiningStats.EMPTY, MS);
        return new WorkerRoundReport(worker, 2, 8, startStep, 1, "127.0.0.1:4000" + worker, 100 + worker,
                TaskDevice.NONE, 8, 3, result, MS, MS, 20 * MS);
    }

    @Test
    void retriedTasksThatContinuedTheRoundCountOnlyTheStepsTheyTook() {
        RoundSummary summary = RoundSummary.of(List.of(retried(0, 10, 0.5), retried(1, 10, 0.7)), 2, 2, 8, 4);
        assertEquals(1.2 / 4, summary.meanLoss(), 1e-12, "2 steps each from step 10");
        assertEquals(4, summary.report(3, 0, 1).steps(), "the round still advanced the server by 4 steps");
        assertTrue(summary.workersLine(3).contains("(stage attempt 1, steps from 10)"), summary.workersLine(3));
        RoundSummary complete = RoundSummary.of(List.of(retried(0, 12, 0), retried(1, 12, 0)), 2, 2, 8, 4);
        assertEquals(0, complete.images(), "a retry that found the round complete took no step");
        assertThrows(IllegalStateException.class,
                () -> RoundSummary.of(List.of(retried(0, 10, 0.5), report(1, 1, 1, 2, 8, 1)), 2, 2, 8, 3),
                "every task must end the round at its last step");
        assertThrows(IllegalArgumentException.class, () -> new WorkerRoundReport(0, 2, 8, 7, 1, "x", 1,
                TaskDevice.NONE, 8, 3, retried(0, 10, 0).result(), 0, 0, 0), "a task cannot start before its round");
    }

    @Test
    void aMissingRepeatedOrOutOfStepWorkerIsAnError() {
        assertThrows(IllegalStateException.class, () -> RoundSummary.of(List.of(report(0, 1, 1, 2, 8, 1)), 2, 2, 8, 4));
        assertThrows(IllegalStateException.class,
                () -> RoundSummary.of(List.of(report(0, 1, 1, 2, 8, 1), report(0, 1, 1, 2, 8, 1)), 2, 2, 8, 4));
        assertThrows(IllegalStateException.class,
                () -> RoundSummary.of(List.of(report(0, 1, 1, 2, 8, 1), report(1, 1, 1, 2, 8, 1)), 2, 2, 12, 4));
        assertThrows(IllegalStateException.class,
                () -> RoundSummary.of(List.of(report(0, 1, 1, 2, 8, 1), report(1, 1, 1, 2, 8, 1)), 2, 2, 8, 5));
    }

    @Test
    void everyWorkerAndRoundDrawsItsOwnSeedAndAlwaysTheSameOne() {
        Set<Long> seeds = new HashSet<>();
        for (int w = 0; w < 8; w++) {
            for (int round = 0; round < 50; round++) {
                seeds.add(WorkerSeeds.of(1, w, round));
                assertEquals(WorkerSeeds.of(1, w, round), WorkerSeeds.of(1, w, round));
            }
        }
        assertEquals(400, seeds.size());
        assertTrue(WorkerSeeds.of(1, 0, 0) != WorkerSeeds.of(2, 0, 0));
    }
}
