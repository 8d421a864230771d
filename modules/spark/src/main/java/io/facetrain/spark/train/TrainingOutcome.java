package io.facetrain.spark.train;

import io.facetrain.core.train.TrainingRun;
import io.facetrain.spark.publish.PublishOutcome;

import java.util.Objects;
import java.util.Optional;

/**
 * What a training job did, whichever trainer ran it.
 *
 * @param training  the run's model, history and evaluation
 * @param published the registry version, when the job published one
 */
public record TrainingOutcome(TrainingRun.Result training, Optional<PublishOutcome> published) {

    public TrainingOutcome {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(published, "published");
    }
}
