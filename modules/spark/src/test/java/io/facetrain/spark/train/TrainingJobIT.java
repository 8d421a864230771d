package io.facetrain.spark.train;

import io.facetrain.core.train.ModelDirectory;
import io.facetrain.core.train.TrainingListener;
import io.facetrain.registry.ModelRegistry;
import io.facetrain.registry.RegistryConfig;
import io.facetrain.registry.VersionInfo;
import io.facetrain.registry.VersionRef;
import io.facetrain.spark.SparkSettings;
import io.facetrain.spark.publish.PublishOutcome;
import io.facetrain.spark.publish.PublishTarget;
import io.facetrain.spark.testing.LocalSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code facetrain train}'s distributed job in {@code local[2]}: two runs on the same dataset publish two
 * versions of one model to a real (local) registry; {@code latest} follows the newest, {@code champion}
 * the better one on the second run's validation pairs.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TrainingJobIT {

    @RegisterExtension
    static final LocalSpark SPARK = LocalSpark.threads(2);

    @TempDir
    Path dir;

    @Test
    void twoRunsPublishTwoVersionsAndTheChampionIsTheBetter(JavaSparkContext sc) throws IOException {
        Path dataset = TrainingFixtures.generatedDataset(dir, 24, 4, 32, 5, 2);
        RegistryConfig registryConfig = RegistryConfig.builder(dir.resolve("registry").toUri()).build();
        PublishTarget target = new PublishTarget(registryConfig, "faces");

        // As a URI: the executors read the shards through the Hadoop file system API, as from HDFS or S3A.
        String datasetUri = dataset.toUri().toString();

        PublishOutcome first = job(target, 2).run(sc, datasetUri, RunDirectories.of(dir.resolve("run-1")))
                .published().orElseThrow();
        PublishOutcome second = job(target, 6).run(sc, datasetUri, RunDirectories.of(dir.resolve("run-2")))
                .published().orElseThrow();

        assertEquals(1, first.published().version());
        assertNull(first.previousChampion());
        assertTrue(first.championMoved(), "a model's first version is its champion");
        assertEquals(2, second.published().version());
        assertEquals(1, second.previousChampion());
        assertEquals(second.candidateAccuracy() > second.championAccuracy(), second.championMoved());
        try (ModelRegistry registry = ModelRegistry.open(registryConfig)) {
            List<VersionInfo> versions = registry.list("faces");
            assertEquals(List.of(1, 2), versions.stream().map(VersionInfo::version).toList());
            assertEquals(2, registry.aliases("faces").get(ModelRegistry.LATEST).version());
            assertEquals(second.championMoved() ? 2 : 1, registry.aliases("faces").get(ModelRegistry.CHAMPION).version());
            VersionInfo v2 = registry.show("faces", VersionRef.of(2));
            assertTrue(v2.manifest().getThreshold() > 0, "τ calibrated on the validation pairs");
            assertTrue(v2.manifest().getDatasetFingerprint().startsWith("sha256:"));
            assertEquals(ModelDirectory.read(dir.resolve("run-2")).encoder().parameters(),
                    ModelDirectory.read(registry.load("faces", "v0002", dir.resolve("loaded")).directory())
                            .encoder().parameters(), "the published version holds the run's model");
        }
    }

    private static DistributedTrainingJob job(PublishTarget target, int steps) {
        DistributedTrainingConfig config = TrainingFixtures.config(TrainingFixtures.concat(TrainingFixtures.TINY,
                "distributed.workers=2", "train.schedule.rounds=1", "train.schedule.steps-per-round=" + steps));
        return new DistributedTrainingJob(SparkSettings.of("local[2]", "job-it", Map.of()), config,
                Optional.of(target), TrainingListener.NONE);
    }
}
