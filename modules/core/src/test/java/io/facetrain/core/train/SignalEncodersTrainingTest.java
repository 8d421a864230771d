package io.facetrain.core.train;

import io.facetrain.core.loss.TripletLoss;
import io.facetrain.core.loss.Triplets;
import io.facetrain.core.mining.SemiHardMiner;
import io.facetrain.core.nn.Architecture;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.EncoderSpec;
import io.facetrain.core.nn.InputShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.learning.config.Adam;

import java.util.Random;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 1D (length × channels) and 3D (depth × height × width × channels) encoders train with the same
 * machinery as the face encoders: a few steps on class-structured synthetic signals reduce the triplet
 * loss on a fixed evaluation batch.
 */
@Timeout(180)
class SignalEncodersTrainingTest {

    private static final int CLASSES = 4;
    private static final int PER_CLASS = 4;

    @Test
    void sequenceEncoderLearnsTraceClasses() {
        // Two-channel traces: a class-specific frequency and phase, random amplitude jitter and noise.
        InputShape shape = InputShape.sequence(64, 2);
        assertTrains(shape, Architecture.CONV1D, (cls, random) -> {
            float[] v = new float[2 * 64];
            double amp = 1 + 0.2 * random.nextGaussian();
            for (int c = 0; c < 2; c++) {
                for (int t = 0; t < 64; t++) {
                    v[c * 64 + t] = (float) (amp * Math.sin(0.15 * (cls + 1) * t + c * cls) + 0.3 * random.nextGaussian());
                }
            }
            return v;
        });
    }

    @Test
    void volumeEncoderLearnsScanClasses() {
        // One-channel 8×8×8 volumes striped along a class-specific direction (x, y, z or a diagonal), random
        // phase, plus noise: the class is in the texture, which pooled convolution features can see.
        InputShape shape = InputShape.volume(8, 8, 8, 1);
        assertTrains(shape, Architecture.CONV3D, (cls, random) -> {
            float[] v = new float[512];
            double phase = random.nextDouble() * 2 * Math.PI;
            for (int z = 0; z < 8; z++) {
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        int along = cls == 0 ? x : cls == 1 ? y : cls == 2 ? z : x + y;
                        v[(z * 8 + y) * 8 + x] = (float) (Math.sin(1.6 * along + phase) + 0.3 * random.nextGaussian());
                    }
                }
            }
            return v;
        });
    }

    private static void assertTrains(InputShape shape, Architecture architecture,
                                     BiFunction<Integer, Random, float[]> example) {
        Encoder encoder = Encoder.create(EncoderSpec.builder().architecture(architecture).inputShape(shape).width(4)
                .embeddingDim(8).seed(2).build(), new Adam(3e-3));
        Random random = new Random(5);
        int rows = CLASSES * PER_CLASS;
        int per = shape.elementsPerExample();
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i / PER_CLASS;
        }
        float[] evaluation = batch(example, random, labels, per);
        double before = evaluationLoss(encoder, evaluation, labels);
        try (TripletGradientComputer computer = new TripletGradientComputer(encoder, new TripletLoss(0.5),
                new SemiHardMiner(0.5)); LocalUpdateStep step = new LocalUpdateStep(encoder.parameterLayout())) {
            for (int s = 0; s < 25; s++) {
                Minibatch b = Minibatch.forOnlineMining(batch(example, random, labels, per), labels);
                step.apply(computer.compute(b, s, 0, random), encoder.parameters());
            }
        }
        double after = evaluationLoss(encoder, evaluation, labels);
        assertTrue(after < 0.7 * before, architecture.configName() + ": loss " + before + " -> " + after);
    }

    private static float[] batch(BiFunction<Integer, Random, float[]> example, Random random, int[] labels, int per) {
        float[] v = new float[labels.length * per];
        for (int i = 0; i < labels.length; i++) {
            System.arraycopy(example.apply(labels[i], random), 0, v, i * per, per);
        }
        return v;
    }

    /** Mean loss of all valid triplets of the batch, embedded at inference time. */
    private static double evaluationLoss(Encoder encoder, float[] inputs, int[] labels) {
        float[] e = encoder.embed(inputs, labels.length);
        int dim = encoder.spec().embeddingDim();
        double[] d = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            d[i] = e[i];
        }
        java.util.List<int[]> all = new java.util.ArrayList<>();
        for (int a = 0; a < labels.length; a++) {
            for (int p = 0; p < labels.length; p++) {
                for (int n = 0; n < labels.length; n++) {
                    if (a != p && labels[a] == labels[p] && labels[n] != labels[a]) {
                        all.add(new int[] {a, p, n});
                    }
                }
            }
        }
        int[] aa = all.stream().mapToInt(t -> t[0]).toArray();
        int[] pp = all.stream().mapToInt(t -> t[1]).toArray();
        int[] nn = all.stream().mapToInt(t -> t[2]).toArray();
        return new TripletLoss(0.5).compute(d, labels.length, dim, Triplets.of(aa, pp, nn), null).meanLoss();
    }
}
