package io.facetrain.core.nn;

import io.facetrain.core.loss.TripletLoss;
import io.facetrain.core.loss.TripletLossResult;
import io.facetrain.core.loss.Triplets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The external-loss path (forward, triplet loss on a P×K batch whose triplets index its rows, backward)
 * checked against central finite differences of the same loss over every trained parameter of a small
 * convolutional encoder with batch norm, in double precision.
 */
@Timeout(120)
class EncoderGraphGradientTest {

    private static final int PER_SEGMENT = 10;

    @Test
    void compactEncoderWithBatchNorm() {
        EncoderSpec spec = EncoderSpec.builder().architecture(Architecture.COMPACT).inputShape(InputShape.image(8, 8, 1))
                .width(2).embeddingDim(4).seed(21).dataType(DataType.DOUBLE).build();
        check(Encoder.create(spec, new NoOp()));
    }

    @Test
    void residualEncoderWithoutBatchNorm() {
        EncoderSpec spec = EncoderSpec.builder().architecture(Architecture.RESNET).inputShape(InputShape.image(16, 16, 1))
                .width(2).embeddingDim(4).seed(22).batchNorm(false).dataType(DataType.DOUBLE).build();
        Encoder encoder = Encoder.create(spec, new NoOp());
        // The residual branches start at zero; give them weights so that every path carries gradient.
        encoder.parameters().addi(NnTestSupport.gaussianDouble(5, encoder.parameters().shape()).muli(0.3));
        check(encoder);
    }

    private static void check(Encoder encoder) {
        EncoderSpec spec = encoder.spec();
        INDArray input = NnTestSupport.gaussianDouble(4, spec.inputShape().batchShape(6));
        // Persons: rows 0-1, 2-3, 4-5; rows are shared by several triplets.
        Triplets triplets = Triplets.of(new int[] {0, 1, 2, 3, 4, 5, 0}, new int[] {1, 0, 3, 2, 5, 4, 1},
                new int[] {2, 4, 0, 5, 1, 3, 5});
        TripletLoss loss = new TripletLoss(1.5);

        TripletLossResult result = encoder.graph().backpropOutputLoss(input,
                (out, rows, dim, grad) -> loss.compute(out, rows, dim, triplets, grad));
        assertTrue(result.activeCount() >= 4, "most triplets must be active for a meaningful check");
        double[] analytic = encoder.graph().getFlattenedGradients().dup().toDoubleVector();

        INDArray params = encoder.parameters();
        double eps = 1e-6;
        int checked = 0;
        double worst = 0;
        Random pick = new Random(8);
        long expected = 0;
        for (ParameterSegment s : encoder.parameterLayout().segments()) {
            if (s.runningStatistic()) {
                continue;
            }
            // Every trained segment, at most PER_SEGMENT values of each (seeded choice) to keep the test fast.
            List<Long> indices = new ArrayList<>();
            for (long i = s.offset(); i < s.end(); i++) {
                indices.add(i);
            }
            Collections.shuffle(indices, pick);
            indices = indices.subList(0, (int) Math.min(PER_SEGMENT, indices.size()));
            expected += indices.size();
            for (long i : indices) {
                double orig = params.getDouble(0, i);
                params.putScalar(0, i, orig + eps);
                double plus = lossOnly(encoder, input, loss, triplets);
                params.putScalar(0, i, orig - eps);
                double minus = lossOnly(encoder, input, loss, triplets);
                params.putScalar(0, i, orig);
                double numeric = (plus - minus) / (2 * eps);
                double a = analytic[(int) i];
                double denominator = Math.max(Math.abs(numeric) + Math.abs(a), 1e-8);
                double relative = Math.abs(numeric - a) / denominator;
                if (Math.abs(numeric - a) > 1e-7) {
                    worst = Math.max(worst, relative);
                    assertTrue(relative < 1e-3, s.key() + "[" + (i - s.offset()) + "]: analytic " + a
                            + " vs numeric " + numeric);
                }
                checked++;
            }
        }
        assertEquals(expected, checked);
        assertTrue(checked >= 60);
        assertTrue(worst < 1e-3);
    }

    private static double lossOnly(Encoder encoder, INDArray input, TripletLoss loss, Triplets triplets) {
        return encoder.graph().backpropOutputLoss(input,
                (out, rows, dim, grad) -> loss.compute(out, rows, dim, triplets, null).meanLoss());
    }
}
