package io.facetrain.spark.train;

import io.facetrain.core.train.TrainingListener;
import io.facetrain.registry.ModelRegistry;
import io.facetrain.spark.LocalMasters;
import io.facetrain.spark.SparkContexts;
import io.facetrain.spark.SparkSettings;
import io.facetrain.spark.publish.DatasetFingerprint;
import io.facetrain.spark.publish.PublishOutcome;
import io.facetrain.spark.publish.PublishTarget;
import io.facetrain.spark.publish.RunPublisher;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code facetrain train} job on Spark: check everything that can be checked before Spark starts (the
 * registry answers, the plan fits the master's task slots, one GPU at most per task, the run can be
 * published), train with
 * {@link DistributedTrainer}, then publish the model when a registry is given.
 */
public final class DistributedTrainingJob {

    private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainingJob.class);

    private final SparkSettings spark;
    private final DistributedTrainingConfig config;
    private final Optional<PublishTarget> target;
    private final DistributedTrainer trainer;

    public DistributedTrainingJob(SparkSettings spark, DistributedTrainingConfig config, Optional<PublishTarget> target,
                                  TrainingListener listener) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.config = Objects.requireNonNull(config, "config");
        this.target = Objects.requireNonNull(target, "target");
        this.trainer = new DistributedTrainer(config, Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Runs the job in a Spark context of its own.
     *
     * @param dataset an ingested dataset directory on any Hadoop file system (HDFS, S3A, or a local path every
     *                executor sees), reached with the {@code spark.hadoop.*} settings
     * @param dirs    the run's directories: the model directory is written before it is published; the
     *                checkpoints, and whether the run continues from them
     * @throws IllegalArgumentException naming the problem, before Spark starts, when the run cannot start
     */
    public TrainingOutcome run(String dataset, RunDirectories dirs) throws IOException {
        SparkConf sparkConf = SparkContexts.sparkConf(spark);
        TaskGpus.checkOnePerTask(sparkConf);
        Optional<DistributedTrainer.Plan> plan = checkedPlan(dataset, dirs, sparkConf.get("spark.master"));
        try (ModelRegistry registry = openRegistry();
             JavaSparkContext sc = new JavaSparkContext(sparkConf)) {
            return train(sc, registry, plan, dataset, dirs);
        }
    }

    /** The same, in a running context (which stays open): a caller that embeds the job, or a test. */
    public TrainingOutcome run(JavaSparkContext sc, String dataset, RunDirectories dirs) throws IOException {
        Optional<DistributedTrainer.Plan> plan = checkedPlan(dataset, dirs, sc.master());
        try (ModelRegistry registry = openRegistry()) {
            return train(sc, registry, plan, dataset, dirs);
        }
    }

    /**
     * The checks that need no Spark; for a local master (whose task slots are known now) also the plan,
     * which the run then reuses. Empty for a cluster master: the plan needs the cluster's parallelism.
     */
    private Optional<DistributedTrainer.Plan> checkedPlan(String dataset, RunDirectories dirs, String master) {
        if (target.isPresent()) {
            RunPublisher.checkPublishable(config.training());
        }
        DistributedTrainer.checkNotFinished(dirs);
        OptionalInt slots = LocalMasters.slots(master);
        if (slots.isEmpty()) {
            return Optional.empty();
        }
        DistributedTrainer.Plan plan = trainer.plan(dataset, SparkContexts.hadoopConfiguration(spark), dirs.model(),
                slots.getAsInt());
        DistributedTrainer.checkSlots(plan, master);
        return Optional.of(plan);
    }

    /** The registry, checked to answer, or null when the job does not publish. */
    private ModelRegistry openRegistry() {
        return target.map(t -> t.openChecked(SparkContexts.hadoopConfiguration(spark))).orElse(null);
    }

    private TrainingOutcome train(JavaSparkContext sc, ModelRegistry registry, Optional<DistributedTrainer.Plan> plan,
                                  String dataset, RunDirectories dirs) throws IOException {
        DistributedTrainer.Result result = plan.isPresent() ? trainer.run(sc, plan.get(), dataset, dirs)
                : trainer.run(sc, dataset, dirs);
        if (registry == null) {
            return new TrainingOutcome(result.training(), Optional.empty());
        }
        PublishOutcome published = publish(registry, result, dirs.model(), sc.sc().applicationId());
        return new TrainingOutcome(result.training(), Optional.of(published));
    }

    private PublishOutcome publish(ModelRegistry registry, DistributedTrainer.Result result,
                                   Path out, String runId) throws IOException {
        DistributedTrainer.Plan plan = result.plan();
        List<String> imageIds = plan.index().entries().stream().map(ShardIndex.Entry::imageId).toList();
        RunPublisher publisher = new RunPublisher(registry, target.orElseThrow().model(), config.training());
        try {
            return publisher.publish(result.training(), out, DatasetFingerprint.ofImageIds(imageIds),
                    preprocess -> trainer.validationImages(plan, preprocess), runId);
        } catch (IOException | UncheckedIOException e) {
            LOG.error("the run trained its model but could not publish it; the model stays in {}", out);
            throw e;
        }
    }
}
