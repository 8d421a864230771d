package io.facetrain.spark.publish;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.eval.VerificationResult;
import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.core.train.ModelEvaluation;
import io.facetrain.core.train.TrainedModel;
import io.facetrain.core.train.ValidationSet;

import java.util.Objects;
import java.util.function.Function;

/**
 * {@link ChampionScorer} over a run's {@link ValidationSet}. A model whose preprocessing differs from the
 * run's (another input size, crop or colour) is scored on the same images decoded its own way, loaded
 * through {@code loader} only when needed.
 */
public final class ValidationScorer implements ChampionScorer {

    private final ValidationSet validation;
    private final ModelEvaluation evaluation;
    private final boolean flipAverage;
    private final Function<PreprocessConfig, FaceImageSet> loader;

    /**
     * @param validation  the run's validation pairs
     * @param evaluation  the run's metric settings (folds, FAR targets, calibration)
     * @param flipAverage embed each image and its mirror image and average, as the run's evaluation does
     * @param loader      decodes the dataset with another model's preprocessing
     */
    public ValidationScorer(ValidationSet validation, ModelEvaluation evaluation, boolean flipAverage,
                            Function<PreprocessConfig, FaceImageSet> loader) {
        this.validation = Objects.requireNonNull(validation, "validation");
        this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
        this.flipAverage = flipAverage;
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public VerificationResult score(TrainedModel model) {
        ValidationSet set = validation;
        PreprocessConfig own = model.preprocess();
        if (!own.toJson().equals(validation.images().config().toJson())) {
            set = validation.onImages(loader.apply(own));
        }
        return evaluation.verify(set, model.encoder(), flipAverage);
    }
}
