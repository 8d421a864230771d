package io.facetrain.spark.train;

import io.facetrain.core.train.ModelDirectory;
import io.facetrain.spark.testing.LocalClusterSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short distributed run in {@code local-cluster[2,1,2048]}: each worker's tasks run in its own executor JVM,
 * with its own media driver, and reach the driver's parameter server over UDP loopback.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LocalClusterTrainingIT {

    @RegisterExtension
    static final LocalClusterSpark SPARK = LocalClusterSpark.standard();

    @TempDir
    Path dir;

    @Test
    void workersInSeparateExecutorJvmsTrainThroughTheDriversServer(JavaSparkContext sc) {
        Path dataset = TrainingFixtures.generatedDataset(dir, 16, 5, 32, 5, 2);
        DistributedTrainingConfig config = TrainingFixtures.config(TrainingFixtures.concat(TrainingFixtures.TINY,
                "distributed.workers=2", "train.schedule.rounds=2", "train.schedule.steps-per-round=2"));
        Path out = dir.resolve("model");

        DistributedTrainer.Result result = new DistributedTrainer(config, new RecordingListener()).run(sc, dataset, out);

        assertEquals(4, result.training().history().steps());
        Set<Long> pids = result.workerReports().stream().map(WorkerRoundReport::pid).collect(Collectors.toSet());
        Set<Long> executors = SPARK.executorProcesses().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        assertFalse(pids.contains(ProcessHandle.current().pid()), "no task ran in the driver JVM: " + pids);
        assertTrue(executors.containsAll(pids), "task pids " + pids + ", executor pids " + executors);
        assertEquals(4, result.workerReports().size());
        assertTrue(Files.isRegularFile(out.resolve(ModelDirectory.MODEL)));
        assertTrue(result.training().model().isPresent());
    }
}
