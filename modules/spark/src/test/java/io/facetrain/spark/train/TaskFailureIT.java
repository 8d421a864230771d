package io.facetrain.spark.train;

import io.facetrain.core.train.TrainingListener;
import io.facetrain.spark.testing.LocalSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A task that dies once in the middle of a round, in {@code local[2]}: the test kills one worker's task of the
 * third round's barrier stage through Spark ({@code killTaskAttempt} with interruption, as a lost task is
 * killed). Spark fails the stage attempt, kills the other worker's task and runs the stage again; the new
 * tasks continue the round from the parameter server's version. The run takes all its steps, ends as
 * accurate as the same run without the failure, and recovers within seconds (the peer does not wait for the
 * dead worker until the push timeout).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TaskFailureIT {

    @RegisterExtension
    static final LocalSpark SPARK = LocalSpark.threads(2);

    /** Held-out accuracy the trained model must gain over the untrained encoder, as in DistributedTrainingIT. */
    private static final double MIN_GAIN = 0.05;
    /** How far the injected run's accuracy may be from the uninjected one's. */
    private static final double SPREAD = 0.10;
    private static final int ROUNDS = 5;
    private static final int STEPS = 10;
    private static final int FAILED_ROUND = 2;

    @TempDir
    Path dir;

    @Test
    void aTaskKilledMidRoundIsRetriedAndTheRunEndsAsAccurateAsWithoutTheFailure(JavaSparkContext sc) {
        Path dataset = TrainingFixtures.generatedDataset(dir, 80, 6, 64, 7, 4);
        DistributedTrainingConfig config = TrainingFixtures.config(TrainingFixtures.concat(TrainingFixtures.TINY,
                "distributed.workers=2", "train.encoder.architecture=resnet", "train.encoder.width=8",
                "train.encoder.embedding-dim=64", "train.preprocess.input-size=32", "train.preprocess.crop-fraction=0.85",
                "train.mining.persons-per-batch=8", "train.mining.margin=0.2",
                "train.schedule.rounds=" + ROUNDS, "train.schedule.steps-per-round=" + STEPS,
                "train.optimizer.learning-rate=2e-3", "train.optimizer.warmup-steps=5",
                "train.validation.fraction=0.2", "train.validation.baselines=true",
                "train.validation.same-pairs=150", "train.validation.different-pairs=150",
                "evaluation.verification.folds=5"));

        DistributedTrainer.Result clean = new DistributedTrainer(config, TrainingListener.NONE).run(sc, dataset,
                dir.resolve("clean"));
        DistributedTrainer.Result injected;
        AtomicBoolean killedInPush = new AtomicBoolean();
        try (RoundFailureInjector injector = new RoundFailureInjector(FAILED_ROUND, 1, 0.3, task -> {
            // Past the round-start mining, in a step: the task's thread (in this JVM) waits in a push.
            killedInPush.set(awaitThreadIn("(TID " + task.taskId() + ")", "pushAndPull"));
            sc.sc().killTaskAttempt(task.taskId(), true, "failure injected by TaskFailureIT");
        })) {
            sc.sc().addSparkListener(injector);
            try {
                injected = new DistributedTrainer(config, TrainingListener.NONE).run(sc, dataset, dir.resolve("injected"));
            } finally {
                sc.sc().removeSparkListener(injector);
            }
            assertTrue(injector.injected(), "the failure was injected");
            assertTrue(killedInPush.get(), "the task was killed during a step");
            assertEquals(1, injector.retriedAttempt(), "Spark ran the round's stage a second time");
            System.out.printf("task failure: killed attempt ended %.2f s after the kill, retry started after %.2f s%n",
                    injector.secondsUntilFailedAttemptEnded(), injector.secondsUntilRetryStarted());
            assertTrue(injector.secondsUntilRetryStarted() < 20, "the retry started "
                    + injector.secondsUntilRetryStarted() + " s after the kill: the survivor must not wait for the"
                    + " dead worker's push timeout");
        }

        assertEquals((long) ROUNDS * STEPS, injected.training().history().steps(), "every step was taken once");
        List<WorkerRoundReport> retried = injected.workerReports().stream()
                .filter(r -> r.round() == FAILED_ROUND).toList();
        assertEquals(2, retried.size());
        for (WorkerRoundReport r : retried) {
            System.out.printf("round %d worker %d: stage attempt %d, steps %d..%d%n", r.round() + 1, r.worker(),
                    r.stageAttempt(), r.startStep(), r.endStep() - 1);
            assertEquals(1, r.stageAttempt(), "the failed round's reports come from the retried attempt");
            assertEquals((long) (FAILED_ROUND + 1) * STEPS, r.endStep());
            assertTrue(r.startStep() < r.endStep(), "the retry continued a round that was not complete");
        }
        assertTrue(injected.workerReports().stream().filter(r -> r.round() != FAILED_ROUND)
                .allMatch(r -> r.stageAttempt() == 0 && r.result().steps() == STEPS));

        double cleanAccuracy = clean.training().model().orElseThrow().accuracyMean();
        double injectedAccuracy = injected.training().model().orElseThrow().accuracyMean();
        double untrained = injected.training().untrained().orElseThrow().accuracyMean();
        System.out.printf("held-out accuracy: untrained %.3f, without failure %.3f, with failure %.3f%n", untrained,
                cleanAccuracy, injectedAccuracy);
        assertTrue(injectedAccuracy >= untrained + MIN_GAIN, "accuracy " + injectedAccuracy + ", untrained " + untrained);
        assertTrue(Math.abs(injectedAccuracy - cleanAccuracy) <= SPREAD,
                "with failure " + injectedAccuracy + ", without " + cleanAccuracy);
    }

    /**
     * Waits (at most 30 s) until the thread whose name ends with {@code threadSuffix} runs a method named
     * {@code method}; Spark names a task's thread after the task, "... (TID n)".
     */
    private static boolean awaitThreadIn(String threadSuffix, String method) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
                if (thread.getKey().getName().endsWith(threadSuffix) && Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getMethodName().equals(method))) {
                    return true;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
