package io.facetrain.spark.publish;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.eval.VerificationResult;
import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.core.train.ModelDirectory;
import io.facetrain.core.train.ModelEvaluation;
import io.facetrain.core.train.TrainedModel;
import io.facetrain.core.train.TrainingConfig;
import io.facetrain.core.train.TrainingRun;
import io.facetrain.core.train.ValidationSet;
import io.facetrain.registry.ModelRegistry;
import io.facetrain.registry.PublishRequest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Publishes a finished training run (single-process or distributed alike): the model directory the run
 * wrote becomes the next version, with τ calibrated and metrics measured on the run's validation pairs,
 * and the champion is challenged on those same pairs (see {@link ModelPublisher}).
 */
public final class RunPublisher {

    private final ModelRegistry registry;
    private final String model;
    private final TrainingConfig training;

    public RunPublisher(ModelRegistry registry, String model, TrainingConfig training) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.model = Objects.requireNonNull(model, "model");
        this.training = Objects.requireNonNull(training, "training");
    }

    /**
     * Refuses, before any training, a configuration under which a run could not be published: τ and the
     * champion comparison need the validation pairs.
     *
     * @throws IllegalArgumentException naming the key
     */
    public static void checkPublishable(TrainingConfig training) {
        if (!training.validation().enabled()) {
            throw new IllegalArgumentException("publishing needs facetrain.train.validation.fraction > 0: the"
                    + " threshold τ and the champion comparison are measured on the validation persons");
        }
    }

    /**
     * @param result             what the run returned
     * @param modelDir           the directory the run wrote its model to
     * @param datasetFingerprint see {@link DatasetFingerprint}
     * @param validationImages   the validation persons' images decoded with another model's preprocessing,
     *                           for a champion that was trained on other inputs
     * @param runId              names the run in the aliases' history
     */
    public PublishOutcome publish(TrainingRun.Result result, Path modelDir, String datasetFingerprint,
                                  Function<PreprocessConfig, FaceImageSet> validationImages, String runId)
            throws IOException {
        checkPublishable(training);
        ValidationSet validation = result.validation().orElseThrow(() -> new IllegalStateException(
                "the run measured no validation pairs, so it cannot be published"));
        VerificationResult verification = result.model().orElseThrow(() -> new IllegalStateException(
                "the run did not evaluate its model, so it cannot be published"));
        TrainedModel candidate = ModelDirectory.read(modelDir);
        ValidationScorer scorer = new ValidationScorer(validation,
                new ModelEvaluation(training.verification(), training.identification()),
                training.validation().flipAverage(), validationImages);
        PublishRequest request = PublishRequests.of(modelDir, candidate, verification, datasetFingerprint, null);
        return new ModelPublisher(registry, model, scorer).publish(request, candidate, runId);
    }
}
