package io.facetrain.core.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FastBatchNormalizationLayer} computes what DL4J's {@link BatchNormalization} computes: training and
 * inference outputs, gamma/beta gradients, the gradient passed back, and the running-statistic updates
 * (mean and log10-stdev or variance), in float and double precision, alone and with the fused ReLU
 * (against DL4J's batch norm followed by its activation layer).
 */
@Timeout(60)
class FastBatchNormalizationTest {

    @ParameterizedTest
    @CsvSource({"FLOAT, true, IDENTITY", "DOUBLE, true, IDENTITY", "FLOAT, false, IDENTITY", "DOUBLE, false, IDENTITY",
        "FLOAT, true, RELU", "DOUBLE, true, RELU"})
    void matchesDl4jsBatchNorm(DataType type, boolean logStd, Activation activation) {
        BatchNormalization reference = new BatchNormalization.Builder().useLogStd(logStd).build();
        FastBatchNormalizationLayer fast = new FastBatchNormalizationLayer(activation);
        fast.setUseLogStd(logStd);
        EncoderGraph a = graph(reference, activation, type);
        EncoderGraph b = graph(fast, Activation.IDENTITY, type);
        // Non-trivial gamma, beta and running statistics.
        // Positive, so that a running variance (when not stored as log10 stdev) is valid.
        a.params().assign(org.nd4j.linalg.ops.transforms.Transforms.abs(NnTestSupport.gaussianDouble(3, a.params().shape())).muli(0.5).addi(0.2));
        b.params().assign(a.params());
        INDArray input = NnTestSupport.gaussianDouble(4, new long[] {6, 2, 5, 5}).castTo(type);
        double[] weights = NnTestSupport.gaussianDouble(5, new long[] {18}).toDoubleVector();
        OutputLoss<double[]> linear = (o, rows, dim, grad) -> {
            System.arraycopy(weights, 0, grad, 0, grad.length);
            return o.clone();
        };
        double[] outA = a.backpropOutputLoss(input, linear);
        double[] outB = b.backpropOutputLoss(input, linear);
        double tolerance = type == DataType.FLOAT ? 2e-4 : 1e-9;
        for (int i = 0; i < outA.length; i++) {
            assertEquals(outA[i], outB[i], tolerance * (1 + Math.abs(outA[i])), "training output " + i);
        }
        INDArray ga = a.getFlattenedGradients();
        INDArray gb = b.getFlattenedGradients();
        double diff = ga.sub(gb).amaxNumber().doubleValue();
        assertTrue(diff <= tolerance * (1 + ga.amaxNumber().doubleValue()), "gradients differ by " + diff);
        INDArray inferA = a.output(input)[0];
        INDArray inferB = b.output(input)[0];
        assertTrue(inferA.sub(inferB).amaxNumber().doubleValue() <= tolerance * (1 + inferA.amaxNumber().doubleValue()),
                "inference outputs differ");
    }

    /** conv → batch norm → (an activation layer unless it is the identity) → dense. */
    private static EncoderGraph graph(BatchNormalization bn, Activation after, DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(5, 5, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build(), "in")
                .addLayer("bn", bn, "conv")
                .addLayer("act", new ActivationLayer.Builder().activation(after).build(), "bn")
                .addLayer("dense", new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build(), "act")
                .setOutputs("dense").build();
        EncoderGraph g = new EncoderGraph(conf);
        g.init();
        return g;
    }
}
