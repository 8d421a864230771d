package io.facetrain.spark.train;

import io.facetrain.core.train.TrainingListener;
import io.facetrain.registry.S3TestServer;
import io.facetrain.spark.testing.LocalSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dataset and checkpoints on S3 (a real S3 server on loopback, reached through S3A): the driver indexes
 * the shards and the executors decode them through the Hadoop file system API, and the run ends on exactly
 * the parameters of the same run on a local copy of the dataset.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class S3DatasetIT {

    @RegisterExtension
    static final LocalSpark SPARK = LocalSpark.threads(2);

    private static final String[] SETTINGS = TrainingFixtures.concat(TrainingFixtures.TINY, "distributed.workers=2",
            "train.schedule.rounds=2", "train.schedule.steps-per-round=3", "train.optimizer.learning-rate=1e-2");

    @TempDir
    Path dir;

    @Test
    void executorsReadADatasetOnS3AndTrainAsOnALocalCopy(JavaSparkContext sc) throws IOException {
        Path local = TrainingFixtures.generatedDataset(dir, 16, 4, 32, 9, 3);
        DistributedTrainingConfig config = TrainingFixtures.config(SETTINGS);
        try (S3TestServer s3 = S3TestServer.start(dir.resolve("s3"))) {
            Configuration s3a = s3.hadoopConfiguration();
            String bucket = "s3a://" + S3TestServer.BUCKET;
            org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(bucket + "/datasets/faces");
            FileSystem fs = remote.getFileSystem(s3a);
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.resolve("shards").toUri()),
                    new org.apache.hadoop.fs.Path(remote, "shards"));
            for (Map.Entry<String, String> setting : s3a) {
                if (setting.getKey().startsWith("fs.s3a.")) {
                    sc.hadoopConfiguration().set(setting.getKey(), setting.getValue());
                }
            }
            String checkpoints = bucket + "/runs/1/checkpoints";

            List<Boolean> round1Checkpointed = new ArrayList<>();
            TrainingListener watcher = new TrainingListener() {
                @Override
                public void onRound(RoundReport report) {
                    if (report.round() == 2) {
                        round1Checkpointed.add(exists(fs, new org.apache.hadoop.fs.Path(checkpoints,
                                "round-000001/" + RunCheckpoints.COMMIT)));
                    }
                }
            };

            DistributedTrainer.Result fromS3 = new DistributedTrainer(config, watcher).run(sc,
                    remote.toString(), RunDirectories.of(dir.resolve("s3-model")).withCheckpoints(checkpoints));
            DistributedTrainer.Result fromDisk = new DistributedTrainer(config, TrainingListener.NONE).run(sc,
                    local, dir.resolve("local-model"));

            assertEquals(6, fromS3.training().history().steps());
            assertEquals(fromDisk.plan().index().entries(), fromS3.plan().index().entries(),
                    "the same images, in the same order");
            assertTrue(fromS3.plan().index().shards().stream().allMatch(s -> s.startsWith(bucket + "/datasets/")),
                    fromS3.plan().index().shards().toString());
            assertTrue(Arrays.equals(fromDisk.training().encoder().parameters().toFloatVector(),
                    fromS3.training().encoder().parameters().toFloatVector()), "the same training");
            assertEquals(List.of(true), round1Checkpointed, "round 1 was checkpointed to S3");
            assertFalse(fs.exists(new org.apache.hadoop.fs.Path(checkpoints, "round-000001")),
                    "the finished run removed its checkpoints");
        }
    }

    private static boolean exists(FileSystem fs, org.apache.hadoop.fs.Path path) {
        try {
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
