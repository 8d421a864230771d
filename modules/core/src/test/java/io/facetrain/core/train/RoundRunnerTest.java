package io.facetrain.core.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.InputShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A round runner is the trainer's round: running its rounds one by one, global steps continuing, gives
 * the trainer's parameters exactly; a listener sees every step with its global number and can end a
 * round early.
 */
@Timeout(180)
class RoundRunnerTest {

    private static final TrainingConfig CONFIG = TrainTestSupport.config("train.encoder.architecture=compact",
            "train.encoder.width=2", "train.encoder.embedding-dim=8", "train.preprocess.input-size=16",
            "train.preprocess.crop-fraction=0.9", "train.mining.persons-per-batch=4",
            "train.mining.images-per-person=3", "train.mining.single-negatives=0", "train.mining.margin=0.5",
            "train.schedule.rounds=2", "train.schedule.steps-per-round=3", "train.validation.fraction=0");

    private static Encoder encoder() {
        return Encoder.create(CONFIG.encoder().spec(InputShape.image(16, 16, 3), CONFIG.seed()),
                CONFIG.optimizer().updater(CONFIG.run().totalSteps()));
    }

    @Test
    void roundsRunOneByOneAreTheTrainersRounds() {
        FaceImageSet faces = TrainTestSupport.generatedFaces(CONFIG.preprocess(), 8, 4, 32, 3);
        Encoder trained = encoder();
        TrainingHistory history;
        try (LocalUpdateStep update = new LocalUpdateStep(trained.parameterLayout())) {
            history = new Trainer(CONFIG, TrainingListener.NONE).train(trained, update, faces, null);
        }

        Encoder stepped = encoder();
        List<RoundRunner.StepDone> seen = new ArrayList<>();
        List<RoundRunner.RoundResult> results = new ArrayList<>();
        try (LocalUpdateStep update = new LocalUpdateStep(stepped.parameterLayout());
             RoundRunner runner = new RoundRunner(CONFIG, stepped, faces, CONFIG.seed())) {
            for (int round = 0; round < 2; round++) {
                results.add(runner.run(round, round * 3L, 3, update, done -> seen.add(done)));
            }
        }
        assertEquals(trained.parameters(), stepped.parameters());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), seen.stream().map(RoundRunner.StepDone::step).toList());
        assertEquals(List.of(0, 0, 0, 1, 1, 1), seen.stream().map(RoundRunner.StepDone::round).toList());
        for (int round = 0; round < 2; round++) {
            RoundRunner.RoundResult r = results.get(round);
            TrainingListener.RoundReport report = history.rounds().get(round);
            assertEquals(3, r.steps());
            assertEquals(report.meanLoss(), r.meanLoss(), 1e-12);
            assertEquals(report.roundMining(), r.roundMining());
            assertEquals(report.stepMining(), r.stepMining());
            assertEquals(36, r.images());
            assertTrue(r.roundMining().considered() > 0);
        }
    }

    @Test
    void aListenerCanEndARoundAfterAnyStep() {
        FaceImageSet faces = TrainTestSupport.generatedFaces(CONFIG.preprocess(), 8, 4, 32, 3);
        Encoder encoder = encoder();
        INDArray before = encoder.parameters().dup();
        try (LocalUpdateStep update = new LocalUpdateStep(encoder.parameterLayout());
             RoundRunner runner = new RoundRunner(CONFIG, encoder, faces, 9)) {
            RoundRunner.RoundResult r = runner.run(0, 40, 5, update, done -> done.step() < 41);
            assertEquals(2, r.steps(), "steps 40 and 41 ran, then the listener stopped the round");
            assertEquals(24, r.images());
        }
        assertTrue(encoder.parameters().sub(before).norm2Number().doubleValue() > 0);
    }
}
