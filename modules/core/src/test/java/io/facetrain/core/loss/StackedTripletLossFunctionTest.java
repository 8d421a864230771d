package io.facetrain.core.loss;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class StackedTripletLossFunctionTest {

    @Test
    void wholeNetworkPassesDl4jGradientCheck() {
        // GradientCheckUtil insists on double precision as the global default; restore it afterwards.
        DataType previous = Nd4j.dataType();
        DataType previousFloating = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            ComputationGraph net = tinyNet(1.0);
            Random random = new Random(7);
            double[] values = new double[9 * 4];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextGaussian();
            }
            INDArray input = Nd4j.create(values, new long[] {9, 4}, 'c');
            INDArray labels = Nd4j.zeros(DataType.DOUBLE, 9, 3);
            double score = net.score(new org.nd4j.linalg.dataset.MultiDataSet(input, labels), true);
            assertTrue(score > 0, "the check is only meaningful with active triplets, score " + score);
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                    .inputs(new INDArray[] {input}).labels(new INDArray[] {labels})
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
            assertTrue(ok, "DL4J gradient check failed for the stacked triplet loss");
        } finally {
            Nd4j.setDefaultDataTypes(previous, previousFloating);
        }
    }

    @Test
    void scoreIsTheMeanTripletLossDividedByThree() {
        Random random = new Random(2);
        int n = 5;
        double[] e = TripletLossTest.randomEmbeddings(random, 3 * n, 3);
        INDArray out = Nd4j.create(e, new long[] {3 * n, 3}, 'c');
        double dl4j = new StackedTripletLossFunction(0.7).computeScore(Nd4j.zeros(DataType.DOUBLE, 3 * n, 3), out,
                Activation.IDENTITY.getActivationFunction(), null, true);
        double mean = new TripletLoss(0.7).compute(e, 3 * n, 3, Triplets.stacked(n), null).meanLoss();
        assertTrue(mean > 0);
        assertEquals(mean / 3, dl4j, 1e-12);
    }

    private static ComputationGraph tinyNet(double margin) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(12).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in").setInputTypes(InputType.feedForward(4))
                .addLayer("h", new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build(), "in")
                .addLayer("e", new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build(), "h")
                .addVertex("norm", new L2NormalizeVertex(new int[] {1}, 1e-8), "e")
                .addLayer("loss", new LossLayer.Builder().lossFunction(new StackedTripletLossFunction(margin))
                        .activation(Activation.IDENTITY).build(), "norm")
                .setOutputs("loss")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }
}
