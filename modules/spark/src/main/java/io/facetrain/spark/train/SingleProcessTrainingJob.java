package io.facetrain.spark.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.data.FaceImageSetLoader;
import io.facetrain.core.data.FaceShards;
import io.facetrain.core.data.IdentitySplit;
import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.core.train.TrainingConfig;
import io.facetrain.core.train.TrainingListener;
import io.facetrain.core.train.TrainingRun;
import io.facetrain.registry.ModelRegistry;
import io.facetrain.spark.publish.DatasetFingerprint;
import io.facetrain.spark.publish.PublishOutcome;
import io.facetrain.spark.publish.PublishTarget;
import io.facetrain.spark.publish.RunPublisher;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code facetrain train --single-process}: the single-machine trainer (no Spark, no parameter server) with
 * the same checks and the same publishing as {@link DistributedTrainingJob}.
 */
public final class SingleProcessTrainingJob {

    private final TrainingConfig config;
    private final Optional<PublishTarget> target;
    private final Configuration hadoop;
    private final TrainingListener listener;

    /**
     * @param hadoop the Hadoop settings the registry's own settings are applied over
     */
    public SingleProcessTrainingJob(TrainingConfig config, Optional<PublishTarget> target, Configuration hadoop,
                                    TrainingListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.target = Objects.requireNonNull(target, "target");
        this.hadoop = Objects.requireNonNull(hadoop, "hadoop");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * @param dataset an ingested dataset directory
     * @param out     where the model directory is written before it is published
     */
    public TrainingOutcome run(Path dataset, Path out) throws IOException {
        TrainingRun.checkOutput(out);
        if (target.isPresent()) {
            RunPublisher.checkPublishable(config);
        }
        try (ModelRegistry registry = target.map(t -> t.openChecked(hadoop)).orElse(null)) {
            TrainingRun.Result result = new TrainingRun(config, listener).run(dataset, out);
            if (registry == null) {
                return new TrainingOutcome(result, Optional.empty());
            }
            List<String> imageIds = ShardIndex.read(dataset).entries().stream().map(ShardIndex.Entry::imageId).toList();
            PublishOutcome published = new RunPublisher(registry, target.get().model(), config).publish(result, out,
                    DatasetFingerprint.ofImageIds(imageIds), preprocess -> validationImages(dataset, preprocess),
                    "single-process " + TrainingRun.datasetName(out));
            return new TrainingOutcome(result, Optional.of(published));
        }
    }

    /** The run's validation persons (the same seeded split as the run's), decoded with {@code preprocess}. */
    private FaceImageSet validationImages(Path dataset, PreprocessConfig preprocess) {
        FaceImageSet all = new FaceImageSetLoader(preprocess, config.data().effectiveThreads(), config.data().cacheMaxBytes())
                .load(FaceShards.open(dataset));
        return all.subset(IdentitySplit.byPerson(all.labels(), config.validation().fraction(), config.seed()).validation());
    }
}
