package io.facetrain.core.preprocess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class InputWriterTest {

    private static byte[] cached(PreprocessConfig c, long seed) {
        byte[] b = new byte[c.channels() * c.cachedSize() * c.cachedSize()];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void fixedNormalisationMapsZeroTo255OntoMinusOneToOne() {
        PreprocessConfig c = PreprocessConfig.builder().channels(1).inputSize(8).jitterFraction(0)
                .normalization(Normalization.FIXED).build();
        byte[] img = new byte[64];
        img[0] = 0;
        img[1] = (byte) 255;
        img[2] = (byte) 127;
        img[3] = (byte) 128;
        float[] out = new float[64];
        new InputWriter(c).writeEvaluation(img, false, out, 0);
        assertArrayEquals(new float[] {-1f, 1f, (float) (-0.5 / 127.5), (float) (0.5 / 127.5)}, Arrays.copyOf(out, 4),
                1e-6f);
    }

    @Test
    void perImageNormalisationGivesZeroMeanUnitDeviation() {
        PreprocessConfig c = PreprocessConfig.builder().inputSize(16).jitterFraction(0).build();
        float[] out = new float[3 * 16 * 16];
        new InputWriter(c).writeEvaluation(cached(c, 1), false, out, 0);
        double mean = 0;
        for (float v : out) {
            mean += v;
        }
        mean /= out.length;
        double var = 0;
        for (float v : out) {
            var += (v - mean) * (v - mean);
        }
        assertEquals(0, mean, 1e-5);
        assertEquals(1, var / out.length, 1e-4);
    }

    @Test
    void evaluationTakesTheCentreAndFlipMirrorsIt() {
        PreprocessConfig c = PreprocessConfig.builder().channels(1).inputSize(16).jitterFraction(0.25)
                .normalization(Normalization.FIXED).build();
        assertEquals(4, c.jitterPixels());
        byte[] img = cached(c, 2);
        InputWriter w = new InputWriter(c);
        float[] plain = new float[256];
        float[] flipped = new float[256];
        w.writeEvaluation(img, false, plain, 0);
        w.writeEvaluation(img, true, flipped, 0);
        int side = c.cachedSize();
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                float expected = (float) (((img[(y + 4) * side + x + 4] & 0xff) - 127.5) / 127.5);
                assertEquals(expected, plain[y * 16 + x], 1e-6f);
                assertEquals(plain[y * 16 + x], flipped[y * 16 + 15 - x], 0f);
            }
        }
    }

    @Test
    void trainingIsReproducibleFromTheSeedAndVariesOtherwise() {
        PreprocessConfig c = PreprocessConfig.builder().inputSize(12).build();
        byte[] img = cached(c, 3);
        float[] a = new float[3 * 144];
        float[] b = new float[3 * 144];
        float[] other = new float[3 * 144];
        new InputWriter(c).writeTraining(img, new Random(5), a, 0);
        new InputWriter(c).writeTraining(img, new Random(5), b, 0);
        new InputWriter(c).writeTraining(img, new Random(6), other, 0);
        assertArrayEquals(a, b, 0f);
        assertFalse(Arrays.equals(a, other));
    }

    @Test
    void trainingCropsStayInsideTheJitterMargin() {
        PreprocessConfig c = PreprocessConfig.builder().channels(1).inputSize(8).jitterFraction(0.25).flip(false)
                .brightness(0).contrast(0).normalization(Normalization.FIXED).build();
        assertEquals(2, c.jitterPixels());
        int side = c.cachedSize();
        byte[] img = new byte[side * side];
        for (int i = 0; i < img.length; i++) {
            img[i] = (byte) i;
        }
        InputWriter w = new InputWriter(c);
        Random random = new Random(8);
        boolean[][] seen = new boolean[5][5];
        for (int n = 0; n < 200; n++) {
            float[] out = new float[64];
            w.writeTraining(img, random, out, 0);
            int first = (int) Math.round(out[0] * 127.5 + 127.5);
            int dy = first / side;
            int dx = first % side;
            assertTrue(dx <= 4 && dy <= 4);
            seen[dy][dx] = true;
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    assertEquals((dy + y) * side + dx + x, Math.round(out[y * 8 + x] * 127.5 + 127.5));
                }
            }
        }
        for (boolean[] row : seen) {
            for (boolean s : row) {
                assertTrue(s, "every shift in the margin is drawn");
            }
        }
    }

    @Test
    void withoutAugmentationTrainingEqualsEvaluation() {
        PreprocessConfig c = PreprocessConfig.builder().inputSize(8).jitterFraction(0).flip(false).brightness(0)
                .contrast(0).build();
        assertFalse(c.augments());
        byte[] img = cached(c, 4);
        float[] train = new float[3 * 64];
        float[] eval = new float[3 * 64];
        new InputWriter(c).writeTraining(img, new Random(1), train, 0);
        new InputWriter(c).writeEvaluation(img, false, eval, 0);
        assertArrayEquals(eval, train, 0f);
    }
}
