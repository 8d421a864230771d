package io.facetrain.spark.train;

import io.facetrain.spark.HadoopPaths;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a distributed run writes, and whether it continues an earlier run: what {@code facetrain train ...
 * --out DIR [--checkpoints URI] [--resume]} says.
 * <pre>{@code
 * RunDirectories dirs = RunDirectories.of(out);                  // checkpoints in <out>/checkpoints
 * if (checkpointsUri != null) dirs = dirs.withCheckpoints(checkpointsUri);
 * if (resume) dirs = dirs.resuming();
 * new DistributedTrainer(config, listener).run(sc, dataset, dirs);
 * }</pre>
 *
 * @param model       the local directory the finished model is written to
 * @param checkpoints the checkpoint directory as the user gave it: a Hadoop URI ({@code file:/...},
 *                    {@code hdfs://...}, {@code s3a://...}) or a local path
 * @param resume      continue the run whose checkpoints are there, from its last completed round
 */
public record RunDirectories(Path model, String checkpoints, boolean resume) {

    /** Name of the default checkpoint directory inside the model directory. */
    public static final String DEFAULT_CHECKPOINTS = "checkpoints";

    /** @throws IllegalArgumentException when a directory is missing or the checkpoint path is blank */
    public RunDirectories {
        Objects.requireNonNull(model, "model");
        if (checkpoints == null || checkpoints.isBlank()) {
            throw new IllegalArgumentException("the checkpoint directory must not be blank");
        }
    }

    /** A new run into {@code model}, its checkpoints in {@code <model>/checkpoints}. */
    public static RunDirectories of(Path model) {
        Objects.requireNonNull(model, "model");
        return new RunDirectories(model, model.resolve(DEFAULT_CHECKPOINTS).toAbsolutePath().normalize().toString(), false);
    }

    /** The same with checkpoints at {@code uri} (a Hadoop URI or a local path). */
    public RunDirectories withCheckpoints(String uri) {
        return new RunDirectories(model, uri, resume);
    }

    /** The same, continuing the run whose checkpoints are there. */
    public RunDirectories resuming() {
        return new RunDirectories(model, checkpoints, true);
    }

    /** The checkpoint directory as a Hadoop path (a plain path is local). */
    public org.apache.hadoop.fs.Path checkpointPath() {
        return HadoopPaths.of(checkpoints);
    }
}
