package io.facetrain.spark.train;

import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.InputShape;
import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.core.train.TrainingConfig;

/**
 * The encoder a training configuration describes, built as {@link io.facetrain.core.train.TrainingRun} builds
 * it (same spec, seed and optimiser configuration), so that a worker's network has the driver's parameter
 * layout and updaters.
 */
final class RunEncoders {

    private RunEncoders() {
    }

    static Encoder create(TrainingConfig config) {
        PreprocessConfig pre = config.preprocess();
        return Encoder.create(config.encoder().spec(InputShape.image(pre.inputSize(), pre.inputSize(), pre.channels()),
                config.seed()), config.optimizer().updater(config.run().totalSteps()));
    }
}
