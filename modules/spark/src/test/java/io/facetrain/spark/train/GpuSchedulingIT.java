package io.facetrain.spark.train;

import io.facetrain.spark.testing.LocalClusterSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark's GPU scheduling hands each worker its own GPU: {@code local-cluster[1,2,2048]} whose standalone worker
 * announces two GPUs through a discovery script (as {@code deploy/gpu/getGpusResources.sh} does with
 * {@code nvidia-smi}), one executor holding both, one GPU per task, the settings of {@code deploy/gpu.md}.
 * Both workers' tasks run in that executor and every round each is given a different GPU. This machine has no
 * GPU and tests the CPU backend, which records the assignment without binding to it; which device the CUDA
 * backend binds to is {@link TaskGpusTest}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GpuSchedulingIT {

    private static final Path DISCOVERY_SCRIPT = discoveryScript("0", "1");

    @RegisterExtension
    static final LocalClusterSpark SPARK = LocalClusterSpark.of(1, 2, 2048)
            .with("spark.worker.resource.gpu.amount", "2")
            .with("spark.worker.resource.gpu.discoveryScript", DISCOVERY_SCRIPT.toString())
            .with("spark.executor.resource.gpu.amount", "2")
            .with(TaskGpus.TASK_AMOUNT_KEY, "1");

    @TempDir
    Path dir;

    @Test
    void everyRoundEachWorkerIsGivenItsOwnGpu(JavaSparkContext sc) {
        Path dataset = TrainingFixtures.generatedDataset(dir, 16, 5, 32, 5, 2);
        DistributedTrainingConfig config = TrainingFixtures.config(TrainingFixtures.concat(TrainingFixtures.TINY,
                "distributed.workers=2", "train.schedule.rounds=2", "train.schedule.steps-per-round=2"));

        DistributedTrainer.Result result = new DistributedTrainer(config, new RecordingListener())
                .run(sc, dataset, dir.resolve("model"));

        List<WorkerRoundReport> reports = result.workerReports();
        assertEquals(4, reports.size());
        for (int round = 0; round < 2; round++) {
            int r = round;
            Set<String> gpus = reports.stream().filter(report -> report.round() == r)
                    .map(report -> report.device().gpu()).collect(Collectors.toSet());
            assertEquals(Set.of("0", "1"), gpus, "round " + (round + 1) + ": one GPU per worker");
        }
        assertTrue(reports.stream().noneMatch(report -> report.device().bound()), "the CPU backend binds no device");
        assertEquals(1, reports.stream().map(WorkerRoundReport::pid).distinct().count(),
                "both workers ran in the one executor that holds both GPUs");
        assertFalse(reports.stream().anyMatch(report -> report.pid() == ProcessHandle.current().pid()));
        assertTrue(result.training().model().isPresent());
    }

    /** A discovery script announcing {@code addresses}, in Spark's resource JSON; removed when the JVM exits. */
    private static Path discoveryScript(String... addresses) {
        String list = Arrays.stream(addresses).map(a -> "\"" + a + "\"").collect(Collectors.joining(", "));
        try {
            Path script = Files.createTempFile("facetrain-gpus", ".sh",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(script, "#!/bin/sh\necho '{\"name\": \"gpu\", \"addresses\": [" + list + "]}'\n");
            script.toFile().deleteOnExit();
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a GPU discovery script", e);
        }
    }
}
