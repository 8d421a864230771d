package io.facetrain.core.nn;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FastConvolutionLayer} computes what DL4J's {@link ConvolutionLayer} computes — outputs, weight
 * and bias gradients, and the gradient passed back to the input — for strides, padding modes, odd sizes,
 * with and without bias, with identity and ReLU activations, in float and double precision.
 */
@Timeout(60)
class FastConvolutionTest {

    @ParameterizedTest
    @CsvSource({
        "3, 1, Same, true, IDENTITY, 9, 3, 5",
        "3, 2, Same, false, IDENTITY, 10, 2, 4",
        "3, 2, Same, true, RELU, 11, 4, 3",
        "1, 2, Same, false, IDENTITY, 8, 3, 6",
        "5, 1, Truncate, true, RELU, 9, 2, 3",
        "3, 1, Truncate, false, IDENTITY, 7, 1, 2"})
    void matchesDl4jsConvolution(int kernel, int stride, ConvolutionMode mode, boolean bias, Activation activation,
                                 int size, int channels, int out) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            EncoderGraph reference = graph(new ConvolutionLayer.Builder(kernel, kernel), kernel, stride, mode, bias,
                    activation, size, channels, out, type);
            EncoderGraph fast = graph(new FastConvolutionLayer.Builder(kernel, kernel), kernel, stride, mode, bias,
                    activation, size, channels, out, type);
            fast.params().assign(reference.params());
            INDArray input = gaussian(1, new long[] {5, channels, size, size}).castTo(type);
            double[] weights = gaussian(2, new long[] {20}).toDoubleVector();
            OutputLoss<double[]> linear = (o, rows, dim, grad) -> {
                System.arraycopy(weights, 0, grad, 0, grad.length);
                return o.clone();
            };
            double[] a = reference.backpropOutputLoss(input, linear);
            double[] b = fast.backpropOutputLoss(input, linear);
            double tolerance = type == DataType.FLOAT ? 2e-4 : 1e-10;
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], tolerance * (1 + Math.abs(a[i])), type + " output " + i);
            }
            INDArray ga = reference.getFlattenedGradients();
            INDArray gb = fast.getFlattenedGradients();
            double scale = ga.amaxNumber().doubleValue();
            double diff = ga.sub(gb).amaxNumber().doubleValue();
            assertTrue(diff <= tolerance * (1 + scale), type + ": gradients differ by " + diff + " (scale " + scale + ")");
            assertEquals(reference.output(input)[0], fast.output(input)[0]);
        }
    }

    private static EncoderGraph graph(ConvolutionLayer.Builder conv, int kernel, int stride, ConvolutionMode mode,
                                      boolean bias, Activation activation, int size, int channels, int out, DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).cacheMode(CacheMode.NONE)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(size, size, channels))
                // A standard layer in front, so that the gradient the tested layer passes back is checked too.
                .addLayer("front", new ConvolutionLayer.Builder(1, 1).nOut(channels).activation(Activation.TANH).build(), "in")
                .addLayer("conv", conv.stride(stride, stride).convolutionMode(mode).nOut(out).hasBias(bias)
                        .activation(activation).build(), "front")
                .addLayer("dense", new DenseLayer.Builder().nOut(4).activation(Activation.IDENTITY).build(), "conv")
                .setOutputs("dense").build();
        EncoderGraph g = new EncoderGraph(conf);
        g.init();
        if (bias) {
            // Non-zero biases, so that their handling is checked too.
            g.getLayer("conv").getParam("b").assign(gaussian(4, g.getLayer("conv").getParam("b").shape()));
        }
        return g;
    }

    private static INDArray gaussian(long seed, long[] shape) {
        Random r = new Random(seed);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Nd4j.create(v, shape, 'c');
    }
}
