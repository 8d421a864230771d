package io.facetrain.core.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.InputShape;
import io.facetrain.core.preprocess.PreprocessConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training loop's update seam: a recording step sees every step's gradient, in order, with its
 * iteration, round and triplet count; replaying those gradients through a fresh local step from the
 * initial parameters reproduces the trained parameters exactly, so nothing but the step changes them.
 */
@Timeout(180)
class UpdateStepSeamTest {

    /** Records a copy of every gradient, then delegates. */
    static final class RecordingStep implements UpdateStep {
        final List<INDArray> gradients = new ArrayList<>();
        final List<StepGradient> seen = new ArrayList<>();
        private final UpdateStep delegate;

        RecordingStep(UpdateStep delegate) {
            this.delegate = delegate;
        }

        @Override
        public void apply(StepGradient gradient, INDArray parameters) {
            gradients.add(gradient.gradient().dup());
            seen.add(gradient);
            delegate.apply(gradient, parameters);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    @Test
    void recordingStepSeesExactlyTheGradientsThatTrainTheModel() {
        TrainingConfig config = TrainTestSupport.config("train.encoder.architecture=compact", "train.encoder.width=2",
                "train.encoder.embedding-dim=8", "train.preprocess.input-size=16", "train.preprocess.crop-fraction=0.9",
                "train.mining.persons-per-batch=4", "train.mining.images-per-person=3", "train.mining.single-negatives=0",
                "train.mining.margin=0.5", "train.schedule.rounds=2", "train.schedule.steps-per-round=3",
                "train.validation.fraction=0");
        PreprocessConfig pre = config.preprocess();
        FaceImageSet faces = TrainTestSupport.generatedFaces(pre, 8, 4, 32, 3);
        Encoder encoder = Encoder.create(config.encoder().spec(InputShape.image(16, 16, 3), config.seed()),
                config.optimizer().updater(config.run().totalSteps()));
        INDArray initial = encoder.parameters().dup();
        RecordingStep recording = new RecordingStep(new LocalUpdateStep(encoder.parameterLayout()));
        TrainingHistory history;
        try (recording) {
            history = new Trainer(config, TrainingListener.NONE).train(encoder, recording, faces, null);
        }
        assertEquals(6, history.steps());
        assertEquals(6, recording.seen.size());
        for (int i = 0; i < 6; i++) {
            StepGradient g = recording.seen.get(i);
            assertEquals(i, g.iteration());
            assertEquals(i / 3, g.epoch());
            assertEquals(12, g.imageCount());
            assertTrue(g.tripletCount() > 0);
            assertTrue(recording.gradients.get(i).norm2Number().doubleValue() > 0);
        }
        try (LocalUpdateStep replay = new LocalUpdateStep(encoder.parameterLayout())) {
            INDArray params = initial.dup();
            for (int i = 0; i < 6; i++) {
                StepGradient g = recording.seen.get(i);
                replay.apply(new StepGradient(g.iteration(), g.epoch(), recording.gradients.get(i), g.tripletCount(),
                        g.activeCount(), g.meanLoss(), g.imageCount(), g.mining()), params);
            }
            assertEquals(params, encoder.parameters());
        }
    }
}
