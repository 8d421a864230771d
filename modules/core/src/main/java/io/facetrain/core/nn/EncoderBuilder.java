package io.facetrain.core.nn;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling3DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import io.facetrain.core.loss.StackedTripletLossFunction;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Objects;

/**
 * Builds the DL4J {@link ComputationGraphConfiguration} of an encoder from an {@link EncoderSpec}. Every
 * architecture has a single input {@value #INPUT} and a single output {@value #OUTPUT}: a dense embedding
 * layer followed by an L2-normalisation vertex, so that every output row has unit length.
 *
 * <p>The optimiser is part of the configuration because DL4J decides per parameter which updater applies
 * (batch-norm running statistics always use NoOp); {@link ParameterLayout} reads that decision back so
 * that an external optimiser can apply the same rule to the flat parameter vector.
 */
public final class EncoderBuilder {

    /** Name of the network input. */
    public static final String INPUT = "input";
    /** Name of the L2-normalised embedding output. */
    public static final String OUTPUT = "embedding";
    /** Name of the loss layer of {@link #withStackedTripletLoss}. */
    public static final String LOSS = "triplet-loss";

    private static final double L2_NORMALIZE_EPS = 1e-8;

    private final GraphBuilder g;
    private final LayerImplementation layers;

    private EncoderBuilder(GraphBuilder g, LayerImplementation layers) {
        this.g = g;
        this.layers = layers;
    }

    /**
     * @param spec    what to build
     * @param updater the optimiser recorded in the configuration (learning-rate schedule included)
     */
    public static ComputationGraphConfiguration configuration(EncoderSpec spec, IUpdater updater) {
        return configuration(spec, updater, LayerImplementation.FAST);
    }

    /** The same, with the layer implementation chosen (benchmarks compare {@link LayerImplementation#DL4J}). */
    public static ComputationGraphConfiguration configuration(EncoderSpec spec, IUpdater updater,
                                                              LayerImplementation layers) {
        GraphBuilder g = encoder(spec, updater, layers);
        g.setOutputs(OUTPUT);
        return g.build();
    }

    /**
     * The same encoder followed by a DL4J {@code LossLayer} with the triplet loss on [anchors; positives;
     * negatives] minibatches ({@link StackedTripletLossFunction}), so that DL4J's own {@code fit()} can train
     * it: the reference the external-loss training path is measured and checked against. Its parameters
     * have the same layout as {@link #configuration}'s.
     */
    public static ComputationGraphConfiguration withStackedTripletLoss(EncoderSpec spec, IUpdater updater, double margin,
                                                                       LayerImplementation layers) {
        GraphBuilder g = encoder(spec, updater, layers);
        g.addLayer(LOSS, new LossLayer.Builder().lossFunction(new StackedTripletLossFunction(margin))
                .activation(Activation.IDENTITY).build(), OUTPUT);
        g.setOutputs(LOSS);
        return g.build();
    }

    private static GraphBuilder encoder(EncoderSpec spec, IUpdater updater, LayerImplementation layers) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(updater, "updater");
        Objects.requireNonNull(layers, "layers");
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(spec.dataType())
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.NONE);
        if (spec.l2() > 0) {
            base.l2(spec.l2());
        }
        GraphBuilder g = base.graphBuilder().addInputs(INPUT).setInputTypes(spec.inputShape().inputType());
        EncoderBuilder b = new EncoderBuilder(g, layers);
        String features;
        switch (spec.architecture()) {
            case COMPACT:
                features = b.compact(spec.width(), spec.batchNorm());
                break;
            case PLAIN:
                features = b.plain(spec.width(), spec.batchNorm());
                break;
            case RESNET:
                features = b.resnet(spec.width(), spec.blocksPerStage(), spec.batchNorm());
                break;
            case CONV1D:
                features = b.conv1d(spec.width());
                break;
            case CONV3D:
                features = b.conv3d(spec.width());
                break;
            default:
                throw new IllegalStateException("no builder for architecture " + spec.architecture());
        }
        g.addLayer("dense", new DenseLayer.Builder().nOut(spec.embeddingDim()).activation(Activation.IDENTITY)
                .weightInit(WeightInit.XAVIER).build(), features);
        g.addVertex(OUTPUT, new L2NormalizeVertex(new int[] {1}, L2_NORMALIZE_EPS), "dense");
        return g;
    }

    private String compact(int w, boolean bn) {
        String x = convRelu("b1", INPUT, w, 3, 1, bn);
        x = maxPool("b1_pool", x);
        x = convRelu("b2", x, 2 * w, 3, 1, bn);
        x = maxPool("b2_pool", x);
        x = convRelu("b3", x, 4 * w, 3, 1, bn);
        return globalAveragePool(x);
    }

    private String plain(int w, boolean bn) {
        String x = INPUT;
        for (int block = 1; block <= 4; block++) {
            x = convRelu("b" + block, x, w << (block - 1), 3, 1, bn);
            x = maxPool("b" + block + "_pool", x);
        }
        return globalAveragePool(x);
    }

    /**
     * Stem: 3×3 stride-2 convolution and 2×2 max-pooling (a quarter of the input side: on the CPU, memory
     * traffic at full resolution costs more than the arithmetic), then three stages of basic residual blocks
     * with w, 2w and 4w channels; the first block of stages 2 and 3 halves the resolution, with a 1×1
     * stride-2 projection on its shortcut.
     */
    private String resnet(int w, int blocksPerStage, boolean bn) {
        String x = convRelu("stem", INPUT, w, 3, 2, bn);
        x = maxPool("stem_pool", x);
        int channels = w;
        for (int stage = 1; stage <= 3; stage++) {
            int out = w << (stage - 1);
            for (int block = 1; block <= blocksPerStage; block++) {
                int stride = (stage > 1 && block == 1) ? 2 : 1;
                x = residualBlock("s" + stage + "b" + block, x, channels, out, stride, bn);
                channels = out;
            }
        }
        return globalAveragePool(x);
    }

    /**
     * conv-(BN)-ReLU, conv-(BN), plus the shortcut, then ReLU. Without batch norm the second convolution
     * starts at zero, so that every block starts as the identity (as in Fixup), which keeps the signal's
     * scale through the stack without normalisation.
     */
    private String residualBlock(String name, String in, int inChannels, int out, int stride,
                                        boolean bn) {
        String a = convRelu(name + "_a", in, out, 3, stride, bn);
        String b;
        if (bn) {
            g.addLayer(name + "_b_conv", conv(out, 3, stride(1), false, Activation.IDENTITY, null, false), a);
            b = batchNorm(name + "_b", name + "_b_conv", false);
        } else {
            g.addLayer(name + "_b_conv", conv(out, 3, stride(1), true, Activation.IDENTITY, WeightInit.ZERO, false), a);
            b = name + "_b_conv";
        }
        String shortcut = in;
        if (stride != 1 || inChannels != out) {
            g.addLayer(name + "_proj_conv", conv(out, 1, stride(stride), !bn, Activation.IDENTITY, null, false), in);
            shortcut = name + "_proj_conv";
            if (bn) {
                shortcut = batchNorm(name + "_proj", name + "_proj_conv", false);
            }
        }
        g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), b, shortcut);
        g.addLayer(name + "_relu", relu(), name + "_add");
        return name + "_relu";
    }

    private String conv1d(int w) {
        g.addLayer("c1", new Convolution1DLayer.Builder(5).stride(1).nOut(w).activation(Activation.RELU)
                .rnnDataFormat(RNNFormat.NCW).build(), INPUT);
        g.addLayer("c1_pool", new Subsampling1DLayer.Builder(PoolingType.MAX).kernelSize(2).stride(2).build(), "c1");
        g.addLayer("c2", new Convolution1DLayer.Builder(5).stride(1).nOut(2 * w).activation(Activation.RELU)
                .rnnDataFormat(RNNFormat.NCW).build(), "c1_pool");
        g.addLayer("c2_pool", new Subsampling1DLayer.Builder(PoolingType.MAX).kernelSize(2).stride(2).build(), "c2");
        g.addLayer("c3", new Convolution1DLayer.Builder(3).stride(1).nOut(4 * w).activation(Activation.RELU)
                .rnnDataFormat(RNNFormat.NCW).build(), "c2_pool");
        return globalAveragePool("c3");
    }

    private String conv3d(int w) {
        g.addLayer("c1", new Convolution3D.Builder().kernelSize(3, 3, 3).stride(1, 1, 1).nOut(w)
                .activation(Activation.RELU).dataFormat(Convolution3D.DataFormat.NCDHW).build(), INPUT);
        g.addLayer("c1_pool", new Subsampling3DLayer.Builder(Subsampling3DLayer.PoolingType.MAX, new int[] {2, 2, 2}, new int[] {2, 2, 2})
                .dataFormat(Convolution3D.DataFormat.NCDHW).build(), "c1");
        g.addLayer("c2", new Convolution3D.Builder().kernelSize(3, 3, 3).stride(1, 1, 1).nOut(2 * w)
                .activation(Activation.RELU).dataFormat(Convolution3D.DataFormat.NCDHW).build(), "c1_pool");
        return globalAveragePool("c2");
    }

    /**
     * With batch norm: convolution without bias (the batch norm that follows has its own shift), then batch
     * norm with the ReLU fused in. Without: convolution with bias and ReLU in one layer.
     */
    private String convRelu(String name, String in, int out, int kernel, int stride, boolean bn) {
        boolean first = INPUT.equals(in);
        if (!bn) {
            g.addLayer(name + "_conv", conv(out, kernel, stride(stride), true, Activation.RELU, null, first), in);
            return name + "_conv";
        }
        g.addLayer(name + "_conv", conv(out, kernel, stride(stride), false, Activation.IDENTITY, null, first), in);
        return batchNorm(name, name + "_conv", true);
    }

    private static int[] stride(int s) {
        return new int[] {s, s};
    }

    /** A 2D convolution ({@link FastConvolutionLayer} computes what DL4J's layer does, faster on the CPU). */
    private ConvolutionLayer conv(int out, int kernel, int[] stride, boolean bias, Activation activation,
                                  WeightInit init, boolean networkInput) {
        ConvolutionLayer.Builder b = layers == LayerImplementation.FAST
                ? new FastConvolutionLayer.Builder(kernel, kernel).networkInput(networkInput)
                : new ConvolutionLayer.Builder(kernel, kernel);
        b.stride(stride).nOut(out).hasBias(bias).activation(activation);
        if (init != null) {
            b.weightInit(init);
        }
        return b.build();
    }

    /** Batch norm named {@code name_bn} after {@code in}, optionally followed by a ReLU; returns the output's name. */
    private String batchNorm(String name, String in, boolean relu) {
        if (layers == LayerImplementation.FAST) {
            g.addLayer(name + "_bn", new FastBatchNormalizationLayer(relu ? Activation.RELU : Activation.IDENTITY), in);
            return name + "_bn";
        }
        g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), in);
        if (!relu) {
            return name + "_bn";
        }
        g.addLayer(name + "_relu", relu(), name + "_bn");
        return name + "_relu";
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }

    private String maxPool(String name, String in) {
        g.addLayer(name, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), in);
        return name;
    }

    private String globalAveragePool(String in) {
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(true).build(), in);
        return "pool";
    }
}
