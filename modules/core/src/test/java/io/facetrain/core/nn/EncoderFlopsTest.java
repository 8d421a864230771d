package io.facetrain.core.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.learning.config.Adam;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(60)
class EncoderFlopsTest {

    @Test
    void countsTwoFlopsPerMultiplyAddOfConvolutionsAndDense() {
        // compact, 16x16x1, width 2, embedding 8:
        // b1: 3x3x1 -> 2 at 16x16; b2: 3x3x2 -> 4 at 8x8; b3: 3x3x4 -> 8 at 4x4; dense 8 -> 8.
        EncoderSpec spec = EncoderSpec.builder().architecture(Architecture.COMPACT).inputShape(InputShape.image(16, 16, 1))
                .width(2).embeddingDim(8).build();
        Encoder e = Encoder.create(spec, new Adam(1e-3));
        EncoderFlops f = EncoderFlops.of(e.graph().getConfiguration(), spec.inputShape());
        Map<String, Long> layers = f.perLayer();
        assertEquals(2L * 9 * 1 * 2 * 16 * 16, layers.get("b1_conv"));
        assertEquals(2L * 9 * 2 * 4 * 8 * 8, layers.get("b2_conv"));
        assertEquals(2L * 9 * 4 * 8 * 4 * 4, layers.get("b3_conv"));
        assertEquals(2L * 8 * 8, layers.get("dense"));
        assertEquals(4, layers.size());
        assertEquals(layers.values().stream().mapToLong(Long::longValue).sum(), f.forwardPerExample());
        assertEquals(3 * f.forwardPerExample(), f.trainingPerExample());
    }

    @Test
    void countsOneAndThreeDimensionalConvolutions() {
        EncoderSpec seq = EncoderSpec.builder().architecture(Architecture.CONV1D).inputShape(InputShape.sequence(40, 2))
                .width(3).embeddingDim(4).build();
        EncoderFlops f = EncoderFlops.of(EncoderBuilder.configuration(seq, new Adam(1e-3)), seq.inputShape());
        assertEquals(2L * 5 * 2 * 3 * 40, f.perLayer().get("c1"));
        EncoderSpec vol = EncoderSpec.builder().architecture(Architecture.CONV3D).inputShape(InputShape.volume(4, 6, 6, 1))
                .width(2).embeddingDim(4).build();
        EncoderFlops v = EncoderFlops.of(EncoderBuilder.configuration(vol, new Adam(1e-3)), vol.inputShape());
        assertEquals(2L * 27 * 1 * 2 * 4 * 6 * 6, v.perLayer().get("c1"));
    }
}
