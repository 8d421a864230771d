package io.facetrain.core.train;

import io.facetrain.core.nn.Architecture;
import io.facetrain.core.nn.EncoderBuilder;
import io.facetrain.core.nn.EncoderSpec;
import io.facetrain.core.nn.InputShape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.learning.config.Adam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(30)
class WarmupDecayScheduleTest {

    @Test
    void warmsUpLinearlyThenFollowsTheDecay() {
        WarmupDecaySchedule cosine = new WarmupDecaySchedule(1.0, 4, "cosine", 104, 0.1, 1, 1);
        assertEquals(0.25, cosine.valueAt(0, 0), 1e-12);
        assertEquals(1.0, cosine.valueAt(3, 0), 1e-12);
        assertEquals(1.0, cosine.valueAt(4, 0), 1e-12);
        assertEquals(0.55, cosine.valueAt(54, 0), 1e-12);
        assertEquals(0.1, cosine.valueAt(104, 0), 1e-12);
        assertEquals(0.1, cosine.valueAt(500, 3), 1e-12);
        WarmupDecaySchedule step = new WarmupDecaySchedule(0.1, 0, "step", 100, 0, 10, 0.5);
        assertEquals(0.1, step.valueAt(9, 0), 1e-12);
        assertEquals(0.05, step.valueAt(10, 0), 1e-12);
        assertEquals(0.025, step.valueAt(25, 0), 1e-12);
        assertEquals(0.3, new WarmupDecaySchedule(0.3, 0, "constant", 1, 0, 1, 1).valueAt(1000, 0), 1e-12);
    }

    @Test
    void travelsInsideTheNetworkConfigurationJson() {
        WarmupDecaySchedule s = new WarmupDecaySchedule(0.002, 10, "cosine", 500, 0.05, 1, 1);
        EncoderSpec spec = EncoderSpec.builder().architecture(Architecture.COMPACT).inputShape(InputShape.image(16, 16, 1))
                .width(2).embeddingDim(4).build();
        ComputationGraphConfiguration conf = EncoderBuilder.configuration(spec, Adam.builder().learningRateSchedule(s).build());
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new WarmupDecaySchedule(0, 0, "constant", 1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new WarmupDecaySchedule(1, 0, "linear", 1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new WarmupDecaySchedule(1, 0, "step", 1, 0, 1, 2));
    }
}
