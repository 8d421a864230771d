package io.facetrain.core.train;

import io.facetrain.core.loss.TripletLoss;
import io.facetrain.core.mining.SemiHardMiner;
import io.facetrain.core.nn.Architecture;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.EncoderSpec;
import io.facetrain.core.nn.InputShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.learning.config.Adam;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A NaN anywhere stops training with a clear error before any update is applied. */
@Timeout(60)
class DivergenceTest {

    private static Encoder encoder() {
        return Encoder.create(EncoderSpec.builder().architecture(Architecture.COMPACT).inputShape(InputShape.image(16, 16, 1))
                .width(2).embeddingDim(8).build(), new Adam(1e-3));
    }

    private static Minibatch batch() {
        Random r = new Random(3);
        float[] in = new float[8 * 256];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) r.nextGaussian();
        }
        return Minibatch.forOnlineMining(in, new int[] {0, 0, 1, 1, 2, 2, 3, 3});
    }

    @Test
    void nanWeightStopsTrainingNamingTheStep() {
        Encoder e = encoder();
        e.graph().getLayer("b2_conv").getParam("W").putScalar(0, Double.NaN);
        float[] before = e.parameters().toFloatVector();
        try (TripletGradientComputer c = new TripletGradientComputer(e, new TripletLoss(0.2), new SemiHardMiner(0.2))) {
            TrainingDivergedException ex = assertThrows(TrainingDivergedException.class,
                    () -> c.compute(batch(), 17, 2, new Random(1)));
            assertTrue(ex.getMessage().contains("step 17") && ex.getMessage().contains("round 3"), ex.getMessage());
            assertTrue(ex.getMessage().contains("non-finite embedding"), ex.getMessage());
        }
        assertTrue(Arrays.equals(before, e.parameters().toFloatVector()), "parameters must not change");
    }

    @Test
    void nanInTheGradientIsCountedAndLocated() {
        // A NaN batch-norm running mean does not touch the training-mode forward pass, but its running-average
        // update (part of the flat gradient) becomes NaN.
        Encoder e = encoder();
        e.graph().getLayer("b1_bn").getParam("mean").putScalar(1, Double.NaN);
        try (TripletGradientComputer c = new TripletGradientComputer(e, new TripletLoss(0.2), new SemiHardMiner(0.2))) {
            TrainingDivergedException ex = assertThrows(TrainingDivergedException.class,
                    () -> c.compute(batch(), 3, 0, new Random(1)));
            assertTrue(ex.getMessage().contains("1 NaN and 0 infinite"), ex.getMessage());
            assertTrue(ex.getMessage().contains("b1_bn_mean"), ex.getMessage());
            assertTrue(ex.getMessage().contains("no update was applied"), ex.getMessage());
        }
    }

    @Test
    void finiteBatchesPass() {
        Encoder e = encoder();
        try (TripletGradientComputer c = new TripletGradientComputer(e, new TripletLoss(0.2), new SemiHardMiner(0.2))) {
            StepGradient g = c.compute(batch(), 0, 0, new Random(1));
            assertEquals(8, g.imageCount());
            assertTrue(Double.isFinite(g.gradient().sumNumber().doubleValue()));
        }
    }
}
