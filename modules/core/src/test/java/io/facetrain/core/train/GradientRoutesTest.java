package io.facetrain.core.train;

import io.facetrain.core.loss.Triplets;
import io.facetrain.core.loss.TripletLoss;
import io.facetrain.core.nn.Architecture;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.EncoderBuilder;
import io.facetrain.core.nn.EncoderSpec;
import io.facetrain.core.nn.InputShape;
import io.facetrain.core.nn.LayerImplementation;
import io.facetrain.core.nn.ParameterSegment;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two routes to the same gradient: our external-loss path (mean over triplets, P×K-capable) and DL4J's
 * own output-layer path with {@link io.facetrain.core.loss.StackedTripletLossFunction} on the [anchors;
 * positives; negatives] layout (DL4J leaves the per-row sum undivided), built from DL4J's stock convolution,
 * batch-norm and activation layers, on the same parameters with batch norm, in double precision: DL4J's
 * gradient must be n times ours for n triplets.
 */
@Timeout(120)
class GradientRoutesTest {

    @Test
    void externalLossGradientEqualsDl4jLossLayerGradientOverN() {
        int n = 4;
        EncoderSpec spec = EncoderSpec.builder().architecture(Architecture.COMPACT).inputShape(InputShape.image(8, 8, 1))
                .width(2).embeddingDim(4).seed(6).dataType(DataType.DOUBLE).build();
        Encoder ours = Encoder.create(spec, new NoOp());
        ComputationGraph dl4j = new ComputationGraph(EncoderBuilder.withStackedTripletLoss(spec, new NoOp(), 1.0,
                LayerImplementation.DL4J));
        dl4j.init(ours.parameters().dup(), false);

        Random random = new Random(2);
        double[] values = new double[3 * n * 64];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        INDArray input = Nd4j.create(values, spec.inputShape().batchShape(3 * n), 'c');
        TripletLoss loss = new TripletLoss(1.0);
        double mean = ours.graph().backpropOutputLoss(input,
                (out, rows, dim, grad) -> loss.compute(out, rows, dim, Triplets.stacked(n), grad)).meanLoss();
        assertTrue(mean > 0);
        INDArray external = ours.graph().getFlattenedGradients().dup();

        dl4j.setInputs(input);
        dl4j.setLabels(Nd4j.zeros(DataType.DOUBLE, 3 * n, 4));
        dl4j.computeGradientAndScore();
        INDArray viaLossLayer = dl4j.getFlattenedGradients();
        assertEquals(mean / 3, dl4j.score(), 1e-9);
        for (ParameterSegment s : ours.parameterLayout().segments()) {
            for (long i = s.offset(); i < s.end(); i++) {
                double a = external.getDouble(0, i);
                double b = viaLossLayer.getDouble(0, i);
                if (s.runningStatistic()) {
                    assertEquals(b, a, 1e-12, s.key());
                } else {
                    assertEquals(b, n * a, 1e-9 + 1e-6 * Math.abs(b), s.key() + "[" + (i - s.offset()) + "]");
                }
            }
        }
    }
}
