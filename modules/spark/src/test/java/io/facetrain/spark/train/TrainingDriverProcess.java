package io.facetrain.spark.train;

import io.facetrain.core.train.TrainingListener;
import io.facetrain.spark.SparkContexts;
import io.facetrain.spark.SparkSettings;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Child-process entry point of {@link ResumeIT} and {@link ConcurrentRunsIT}: a distributed training driver
 * with its own {@code local[2]} context, in a JVM of its own (which a test may kill). Exit code 0 when the run
 * finished, 1 when it failed (the error is in the child's log).
 */
public final class TrainingDriverProcess {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingDriverProcess.class);

    private TrainingDriverProcess() {
    }

    /**
     * Arguments: dataset directory, model directory, checkpoint directory, scratch directory (Spark's local
     * directory: a killed driver cannot clean it up), then {@code key=value} overrides.
     */
    public static void main(String[] args) {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: DATASET OUT CHECKPOINTS SCRATCH [key=value ...], got "
                    + Arrays.toString(args));
        }
        DistributedTrainingConfig config = TrainingFixtures.config(Arrays.copyOfRange(args, 4, args.length));
        RunDirectories dirs = RunDirectories.of(Path.of(args[1])).withCheckpoints(args[2]);
        int exitCode = 1;
        try (JavaSparkContext sc = SparkContexts.create(SparkSettings.of("local[2]", "child-driver", Map.of(
                "spark.ui.enabled", "false",
                "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1",
                "spark.local.dir", args[3])))) {
            new DistributedTrainer(config, TrainingListener.NONE).run(sc, Path.of(args[0]), dirs);
            exitCode = 0;
        } catch (RuntimeException e) {
            LOG.error("the child driver's run failed", e);
        }
        // As FacetrainMain does: in local mode the barrier tasks ran in this JVM, and Spark's
        // BarrierTaskContext leaves a non-daemon timer thread ("Barrier task timer for barrier() calls.")
        // that would keep the JVM alive after main returns.
        System.exit(exitCode);
    }
}
