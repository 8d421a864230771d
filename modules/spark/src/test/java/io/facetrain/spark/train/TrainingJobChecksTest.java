package io.facetrain.spark.train;

import io.facetrain.core.train.TrainingListener;
import io.facetrain.registry.RegistryConfig;
import io.facetrain.spark.SparkSettings;
import io.facetrain.spark.publish.PublishTarget;
import org.apache.spark.SparkContext$;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link DistributedTrainingJob} refuses before Spark starts: each case fails with a message naming the
 * problem, and no Spark context is ever created.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TrainingJobChecksTest {

    private static final SparkSettings LOCAL_2 = SparkSettings.of("local[2]", "checks", Map.of());

    @TempDir
    Path dir;

    @Test
    void moreWorkersThanTheMasterHasSlotsIsRefused() {
        Path dataset = TrainingFixtures.generatedDataset(dir, 12, 3, 32, 1, 1);
        DistributedTrainingJob job = job(TrainingFixtures.concat(TrainingFixtures.TINY, "distributed.workers=3"),
                Optional.empty());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> job.run(dataset.toString(), RunDirectories.of(dir.resolve("out"))));

        assertTrue(e.getMessage().contains("facetrain.distributed.workers = 3 needs 3 task slots")
                && e.getMessage().contains("local[2] has 2"), e.getMessage());
        assertFalse(SparkContext$.MODULE$.getActive().isDefined(), "no Spark context was started");
    }

    @Test
    void anUnreachableRegistryIsRefusedBeforeTraining() throws IOException {
        Path dataset = TrainingFixtures.generatedDataset(dir, 12, 3, 32, 1, 1);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RegistryConfig unreachable = RegistryConfig.builder(URI.create("hdfs://127.0.0.1:" + closedPort + "/registry"))
                .hadoop("ipc.client.connect.max.retries", "0").build();
        DistributedTrainingJob job = job(TrainingFixtures.concat(TrainingFixtures.TINY, "distributed.workers=2"),
                Optional.of(new PublishTarget(unreachable, "faces")));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> job.run(dataset.toString(), RunDirectories.of(dir.resolve("out"))));

        assertTrue(e.getMessage().contains("the model registry hdfs://127.0.0.1:" + closedPort), e.getMessage());
        assertFalse(SparkContext$.MODULE$.getActive().isDefined(), "no Spark context was started");
        assertFalse(Files.exists(dir.resolve("out").resolve("model.zip")));
    }

    @Test
    void publishingWithoutValidationIsRefused() {
        Path dataset = TrainingFixtures.generatedDataset(dir, 12, 3, 32, 1, 1);
        DistributedTrainingJob job = job(TrainingFixtures.concat(TrainingFixtures.TINY, "distributed.workers=2",
                "train.validation.fraction=0"),
                Optional.of(new PublishTarget(RegistryConfig.builder(dir.resolve("registry").toUri()).build(), "faces")));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> job.run(dataset.toString(), RunDirectories.of(dir.resolve("out"))));

        assertTrue(e.getMessage().contains("facetrain.train.validation.fraction > 0"), e.getMessage());
        assertFalse(SparkContext$.MODULE$.getActive().isDefined(), "no Spark context was started");
    }

    @Test
    void anInvalidModelNameIsRefused() {
        Path dataset = TrainingFixtures.generatedDataset(dir, 12, 3, 32, 1, 1);
        DistributedTrainingJob job = job(TrainingFixtures.concat(TrainingFixtures.TINY, "distributed.workers=2"),
                Optional.of(new PublishTarget(RegistryConfig.builder(dir.resolve("registry").toUri()).build(),
                        "no spaces")));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> job.run(dataset.toString(), RunDirectories.of(dir.resolve("out"))));

        assertTrue(e.getMessage().contains("invalid model name 'no spaces'"), e.getMessage());
        assertFalse(SparkContext$.MODULE$.getActive().isDefined(), "no Spark context was started");
    }

    @Test
    void severalGpusPerTaskAreRefused() {
        Path dataset = TrainingFixtures.generatedDataset(dir, 12, 3, 32, 1, 1);
        SparkSettings twoGpusPerTask = SparkSettings.of("local[2]", "checks",
                Map.of("spark.task.resource.gpu.amount", "2"));
        DistributedTrainingJob job = new DistributedTrainingJob(twoGpusPerTask, TrainingFixtures.config(
                TrainingFixtures.concat(TrainingFixtures.TINY, "distributed.workers=2")), Optional.empty(),
                TrainingListener.NONE);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> job.run(dataset.toString(), RunDirectories.of(dir.resolve("out"))));

        assertTrue(e.getMessage().startsWith("spark.task.resource.gpu.amount = 2"), e.getMessage());
        assertFalse(SparkContext$.MODULE$.getActive().isDefined(), "no Spark context was started");
    }

    private static DistributedTrainingJob job(String[] settings, Optional<PublishTarget> target) {
        return new DistributedTrainingJob(LOCAL_2, TrainingFixtures.config(settings), target, TrainingListener.NONE);
    }
}
