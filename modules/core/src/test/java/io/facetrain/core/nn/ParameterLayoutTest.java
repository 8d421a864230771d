package io.facetrain.core.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.L2Regularization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class ParameterLayoutTest {

    private static Encoder encoder() {
        return Encoder.create(EncoderSpec.builder().architecture(Architecture.RESNET).inputShape(InputShape.image(16, 16, 3))
                .width(2).embeddingDim(8).l2(1e-3).build(), new Adam(1e-3));
    }

    @Test
    void segmentsTileTheFlatVectorAtTheViewsOffsets() {
        Encoder e = encoder();
        ParameterLayout layout = e.parameterLayout();
        long next = 0;
        for (ParameterSegment s : layout.segments()) {
            assertEquals(next, s.offset(), s.key());
            next = s.end();
        }
        assertEquals(e.parameterCount(), next);
        // Write a marker through each parameter's own view and find it at the segment's offset.
        INDArray flat = e.parameters();
        for (ParameterSegment s : layout.segments()) {
            INDArray view = e.graph().getLayer(s.layerName()).getParam(s.parameterName());
            assertEquals(s.length(), view.length(), s.key());
            double old = view.getDouble(0);
            view.putScalar(0, 1234.5);
            assertEquals(1234.5, flat.getDouble(0, s.offset()), 1e-3, s.key());
            view.putScalar(0, old);
        }
    }

    @Test
    void batchNormStatisticsAreNoOpRunningStatisticsWithoutRegularisation() {
        ParameterLayout layout = encoder().parameterLayout();
        int stats = 0;
        for (ParameterSegment s : layout.segments()) {
            boolean stat = s.parameterName().equals("mean") || s.parameterName().equals("log10stdev")
                    || s.parameterName().equals("var");
            assertEquals(stat, s.runningStatistic(), s.key());
            if (stat) {
                stats++;
                assertInstanceOf(NoOp.class, s.updater(), s.key());
                assertTrue(s.regularization().isEmpty());
            } else {
                assertInstanceOf(Adam.class, s.updater(), s.key());
            }
        }
        assertTrue(stats > 0);
        assertEquals(layout.totalLength() - layout.trainableLength(),
                layout.segments().stream().filter(ParameterSegment::runningStatistic).mapToLong(ParameterSegment::length).sum());
    }

    @Test
    void l2AppliesToWeightsOnly() {
        for (ParameterSegment s : encoder().parameterLayout().segments()) {
            boolean weight = s.parameterName().equals("W");
            assertEquals(weight, !s.regularization().isEmpty(), s.key());
            if (weight) {
                assertInstanceOf(L2Regularization.class, s.regularization().get(0));
            }
        }
    }

    @Test
    void updaterStateIsTwoMomentsPerTrainedValue() {
        ParameterLayout layout = encoder().parameterLayout();
        assertEquals(2 * layout.trainableLength(), layout.updaterStateLength());
        assertFalse(layout.segments().isEmpty());
    }
}
