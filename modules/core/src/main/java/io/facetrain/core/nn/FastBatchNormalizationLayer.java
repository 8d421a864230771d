package io.facetrain.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * A batch-normalisation layer configuration with the parameters, JSON and updater rules of DL4J's
 * {@link BatchNormalization} (running mean and log10 standard deviation updated through the gradient with
 * the NoOp updater, defaults decay 0.9 and eps 1e-5), whose layer ({@link FastBatchNormalization}) keeps
 * nothing outside DL4J's workspaces.
 *
 * <p>Why (measured here): DL4J 1.0.0-M2's batch norm detaches two activation-sized arrays (x − μ and x̂)
 * from the workspace on every training forward pass, so they live until the garbage collector runs:
 * ~20 MB of native memory per step for a small face encoder, growing the process to gigabytes. This layer
 * recomputes what the backward pass needs from the layer input and four per-channel statistics instead,
 * which also saves two full passes over the activations. A ReLU can be fused into the layer (the
 * configuration's activation, identity or ReLU), saving DL4J's separate activation layer, which copies
 * its input on every training pass. Supported: NCHW activations of rank 4, learned gamma and beta.
 */
public class FastBatchNormalizationLayer extends BatchNormalization {

    private static final long serialVersionUID = 1L;

    /** DL4J's defaults (log10-stdev parameterisation), no activation. */
    public FastBatchNormalizationLayer() {
        super();
        setActivationFn(Activation.IDENTITY.getActivationFunction());
    }

    /** DL4J's defaults, followed by {@code activation} (IDENTITY or RELU). */
    public FastBatchNormalizationLayer(Activation activation) {
        this();
        setActivationFn(activation.getActivationFunction());
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNOutSet("FastBatchNormalizationLayer", getLayerName(), layerIndex, getNOut());
        if (getCnn2DFormat() != CNN2DFormat.NCHW || isLockGammaBeta()) {
            throw new IllegalArgumentException("FastBatchNormalizationLayer supports NCHW with learned gamma and beta only");
        }
        if (!(getActivationFn() instanceof ActivationIdentity) && !(getActivationFn() instanceof ActivationReLU)) {
            throw new IllegalArgumentException("FastBatchNormalizationLayer supports the identity and ReLU activations only, got "
                    + getActivationFn());
        }
        FastBatchNormalization layer = new FastBatchNormalization(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public FastBatchNormalizationLayer clone() {
        return (FastBatchNormalizationLayer) super.clone();
    }
}
