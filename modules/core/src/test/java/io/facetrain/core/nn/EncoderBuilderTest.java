package io.facetrain.core.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class EncoderBuilderTest {

    private static void assertUnitRows(float[] e, int n, int dim) {
        assertEquals(n * dim, e.length);
        for (int r = 0; r < n; r++) {
            double norm = 0;
            for (int k = 0; k < dim; k++) {
                norm += (double) e[r * dim + k] * e[r * dim + k];
            }
            assertEquals(1.0, Math.sqrt(norm), 1e-5, "row " + r);
        }
    }

    private static Encoder build(Architecture a, InputShape shape, int width, int dim) {
        return Encoder.create(EncoderSpec.builder().architecture(a).inputShape(shape).width(width).embeddingDim(dim)
                .seed(3).build(), new Adam(1e-3));
    }

    @Test
    void imageArchitecturesEmbedToUnitVectorsWithAndWithoutBatchNorm() {
        for (Architecture a : new Architecture[] {Architecture.COMPACT, Architecture.PLAIN, Architecture.RESNET}) {
            for (boolean bn : new boolean[] {true, false}) {
                Encoder e = Encoder.create(EncoderSpec.builder().architecture(a).inputShape(InputShape.image(32, 32, 3))
                        .width(4).embeddingDim(16).batchNorm(bn).seed(3).build(), new Adam(1e-3));
                float[] out = e.embed(NnTestSupport.gaussian(1, 5 * 3 * 32 * 32), 5);
                assertUnitRows(out, 5, 16);
                boolean hasBn = e.graph().getConfiguration().getVertices().keySet().stream().anyMatch(k -> k.endsWith("_bn"));
                assertEquals(bn, hasBn, a + " batch-norm=" + bn);
            }
        }
    }

    @Test
    void sequenceEncoderTakesLengthByChannels() {
        InputShape shape = InputShape.sequence(50, 2);
        assertArrayEquals(new long[] {4, 2, 50}, shape.batchShape(4));
        Encoder e = build(Architecture.CONV1D, shape, 4, 8);
        assertUnitRows(e.embed(NnTestSupport.gaussian(2, 4 * 2 * 50), 4), 4, 8);
    }

    @Test
    void volumeEncoderTakesDepthHeightWidthChannels() {
        InputShape shape = InputShape.volume(8, 12, 10, 1);
        assertArrayEquals(new long[] {3, 1, 8, 12, 10}, shape.batchShape(3));
        Encoder e = build(Architecture.CONV3D, shape, 2, 8);
        assertUnitRows(e.embed(NnTestSupport.gaussian(3, 3 * 8 * 12 * 10), 3), 3, 8);
    }

    @Test
    void sameSeedSameParameters() {
        Encoder a = build(Architecture.RESNET, InputShape.image(16, 16, 1), 2, 8);
        Encoder b = build(Architecture.RESNET, InputShape.image(16, 16, 1), 2, 8);
        assertEquals(a.parameters(), b.parameters());
    }

    @Test
    void resnetHasProjectionShortcutsOnlyWhereTheShapeChanges() {
        Encoder e = build(Architecture.RESNET, InputShape.image(32, 32, 3), 4, 8);
        assertTrue(e.graph().getVertex("s2b1_proj_conv") != null);
        assertTrue(e.graph().getVertex("s3b1_proj_conv") != null);
        assertTrue(e.graph().getVertex("s1b1_proj_conv") == null);
        INDArray w = e.graph().getLayer("s3b1_b_conv").getParam("W");
        assertArrayEquals(new long[] {16, 16, 3, 3}, w.shape());
    }

    @Test
    void residualBranchesStartAtZeroWithoutBatchNorm() {
        Encoder e = Encoder.create(EncoderSpec.builder().architecture(Architecture.RESNET).inputShape(InputShape.image(32, 32, 3))
                .width(4).embeddingDim(8).batchNorm(false).blocksPerStage(2).build(), new Adam(1e-3));
        for (String block : new String[] {"s1b1", "s1b2", "s2b1", "s2b2", "s3b1", "s3b2"}) {
            assertEquals(0.0, e.graph().getLayer(block + "_b_conv").getParam("W").amaxNumber().doubleValue(), block);
            assertTrue(e.graph().getLayer(block + "_a_conv").getParam("W").amaxNumber().doubleValue() > 0, block);
        }
    }

    @Test
    void badSpecsAreRejectedWithTheirKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncoderSpec.builder()
                .architecture(Architecture.CONV1D).inputShape(InputShape.image(32, 32, 3)).build());
        assertTrue(e.getMessage().contains("sequence"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EncoderSpec.builder().architecture(Architecture.RESNET)
                .inputShape(InputShape.image(8, 8, 3)).build());
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EncoderSpec.builder().architecture(Architecture.COMPACT)
                .inputShape(InputShape.image(32, 32, 3)).embeddingDim(1).build());
        assertTrue(e.getMessage().contains("embedding-dim"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Architecture.fromConfigName("vgg"));
        assertTrue(e.getMessage().contains("resnet"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InputShape.image(0, 3, 3));
    }

    @Test
    void specRoundTripsThroughJson() {
        EncoderSpec spec = EncoderSpec.builder().architecture(Architecture.CONV3D).inputShape(InputShape.volume(4, 5, 6, 2))
                .width(3).embeddingDim(12).l2(1e-4).seed(99).build();
        assertEquals(spec, EncoderSpec.fromJson(spec.toJson()));
        EncoderSpec seq = EncoderSpec.builder().architecture(Architecture.CONV1D).inputShape(InputShape.sequence(40, 3))
                .build();
        assertEquals(seq, EncoderSpec.fromJson(seq.toJson()));
    }

    @Test
    void inferenceDoesNotDependOnTheBatch() {
        // Batch norm uses its running statistics at inference, so an image's embedding does not depend on
        // the other images of the batch.
        Encoder e = build(Architecture.COMPACT, InputShape.image(16, 16, 1), 4, 8);
        float[] batch = NnTestSupport.gaussian(4, 4 * 256);
        float[] all = e.embed(batch, 4);
        float[] first = e.embed(java.util.Arrays.copyOf(batch, 256), 1);
        for (int k = 0; k < 8; k++) {
            assertEquals(all[k], first[k], 1e-5f);
        }
        try (INDArray in = Nd4j.create(batch, new long[] {4, 1, 16, 16}, 'c')) {
            assertArrayEquals(all, e.embed(in), 0f);
        }
    }
}
