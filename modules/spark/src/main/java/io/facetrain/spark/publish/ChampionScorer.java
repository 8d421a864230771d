package io.facetrain.spark.publish;

import io.facetrain.core.eval.VerificationResult;
import io.facetrain.core.train.TrainedModel;

/**
 * Scores a model on the finished run's validation pairs, so that the current champion and the new version
 * are compared on exactly the same pairs and folds.
 */
@FunctionalInterface
public interface ChampionScorer {

    /** Verification of {@code model} on the run's validation pairs (its own preprocessing applied). */
    VerificationResult score(TrainedModel model);
}
