package io.facetrain.spark.train;

import io.facetrain.core.train.ModelDirectory;
import io.facetrain.spark.testing.LocalClusterSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An executor JVM killed during a round, in {@code local-cluster[2,1,2048]}: the test kills one executor process
 * ({@code destroyForcibly}) while both run a task of the third round's barrier stage. Spark loses the task and
 * the executor's cached partition, kills the surviving task, the standalone worker starts a replacement
 * executor, the lost partition is read again from the shards, and the stage runs again; its tasks continue the
 * round from the parameter server's version. The run takes all its steps and writes its model.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ExecutorLossIT {

    @RegisterExtension
    static final LocalClusterSpark SPARK = LocalClusterSpark.standard();

    private static final int ROUNDS = 4;
    private static final int STEPS = 6;
    private static final int FAILED_ROUND = 2;

    @TempDir
    Path dir;

    @Test
    void aKilledExecutorIsReplacedAndTheRunTakesEveryStep(JavaSparkContext sc) throws IOException {
        Path dataset = TrainingFixtures.generatedDataset(dir, 16, 5, 32, 5, 2);
        // A killed JVM cannot remove its media driver's directory: keep those under the test's directory.
        Path aeronDirs = Files.createDirectories(dir.resolve("aeron"));
        DistributedTrainingConfig config = TrainingFixtures.config(TrainingFixtures.concat(TrainingFixtures.TINY,
                "distributed.workers=2", "train.schedule.rounds=" + ROUNDS, "train.schedule.steps-per-round=" + STEPS,
                "paramserver.driver.directory-parent=\"" + aeronDirs + "\""));
        Set<Long> executorsBefore = pids(SPARK.executorProcesses());
        AtomicLong killed = new AtomicLong(-1);

        DistributedTrainer.Result result;
        try (RoundFailureInjector injector = new RoundFailureInjector(FAILED_ROUND, 1, 0.5, task -> {
            ProcessHandle executor = SPARK.executorProcesses().get(0);
            killed.set(executor.pid());
            executor.destroyForcibly();
        })) {
            sc.sc().addSparkListener(injector);
            try {
                result = new DistributedTrainer(config, new RecordingListener()).run(sc, dataset, dir.resolve("model"));
            } finally {
                sc.sc().removeSparkListener(injector);
            }
            assertTrue(injector.injected(), "an executor was killed");
            assertTrue(injector.retriedAttempt() >= 1, "Spark ran the round's stage again");
            System.out.printf("executor loss: killed attempt ended %.2f s after the kill, retry started after %.2f s%n",
                    injector.secondsUntilFailedAttemptEnded(), injector.secondsUntilRetryStarted());
        }

        assertEquals((long) ROUNDS * STEPS, result.training().history().steps(), "every step was taken once");
        assertTrue(executorsBefore.contains(killed.get()), "killed executor " + killed + " of " + executorsBefore);
        List<WorkerRoundReport> after = result.workerReports().stream().filter(r -> r.round() >= FAILED_ROUND).toList();
        Set<Long> pidsAfter = after.stream().map(WorkerRoundReport::pid).collect(Collectors.toSet());
        for (WorkerRoundReport r : after) {
            System.out.printf("round %d worker %d: pid %d, stage attempt %d, steps %d..%d%n", r.round() + 1, r.worker(),
                    r.pid(), r.stageAttempt(), r.startStep(), r.endStep() - 1);
        }
        assertFalse(pidsAfter.contains(killed.get()), "no task ran in the killed executor afterwards: " + pidsAfter);
        assertTrue(pidsAfter.stream().anyMatch(pid -> !executorsBefore.contains(pid)),
                "a replacement executor ran tasks: " + pidsAfter + ", executors before " + executorsBefore);
        assertTrue(after.stream().filter(r -> r.round() == FAILED_ROUND).allMatch(r -> r.stageAttempt() >= 1),
                "the failed round's reports come from a retried attempt");
        assertTrue(Files.isRegularFile(dir.resolve("model").resolve(ModelDirectory.MODEL)));
        assertTrue(result.training().model().isPresent());
    }

    private static Set<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
