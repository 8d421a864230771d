package io.facetrain.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * A 2D convolution layer configuration with the parameters, shapes and JSON of DL4J's
 * {@link ConvolutionLayer}, whose layer ({@link FastConvolution}) lays the im2col matrix out so that it is
 * written sequentially and multiplied sample by sample.
 *
 * <p>Why (measured here, see docs/training.md): DL4J 1.0.0-M2 convolves on the CPU by writing the im2col
 * matrix through a permuted view, [n, outH, outW, c, kH, kW] seen as [n, c, kH, kW, outH, outW]; libnd4j's
 * im2col then writes with large strides, 10–20× slower than into a plain [n, c, kH, kW, outH, outW] array,
 * and that alone took ~47% of a training step of a small face encoder. libnd4j's own conv2d_bp, reachable
 * through DL4J's oneDNN helper, is no better (it permutes and copies the same matrix). Supported: NCHW,
 * dilation 1, no dropout or weight noise; anything else is rejected when the network is built.
 */
public class FastConvolutionLayer extends ConvolutionLayer {

    private static final long serialVersionUID = 1L;

    private boolean networkInput;

    /** For JSON deserialisation. */
    public FastConvolutionLayer() {
        super();
    }

    private FastConvolutionLayer(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FastConvolutionLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        if (getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("FastConvolutionLayer supports NCHW only, got " + getCnn2dDataFormat());
        }
        if (getDilation()[0] != 1 || getDilation()[1] != 1) {
            throw new IllegalArgumentException("FastConvolutionLayer supports dilation 1 only, got "
                    + Arrays.toString(getDilation()));
        }
        if (getIDropout() != null || getWeightNoise() != null) {
            throw new IllegalArgumentException("FastConvolutionLayer supports neither dropout nor weight noise");
        }
        FastConvolution layer = new FastConvolution(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    /** Whether this layer reads the network input, so that the gradient with respect to its input is not needed. */
    public boolean isNetworkInput() {
        return networkInput;
    }

    /** See {@link #isNetworkInput()}; for the builder and JSON. */
    public void setNetworkInput(boolean networkInput) {
        this.networkInput = networkInput;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof FastConvolutionLayer && ((FastConvolutionLayer) o).networkInput == networkInput;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Boolean.hashCode(networkInput);
    }

    /** Builder with the options of DL4J's {@link ConvolutionLayer.Builder}. */
    public static final class Builder extends ConvolutionLayer.Builder {

        private boolean networkInput;

        /** @param kernelSize kernel height and width */
        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        /** Marks the layer as reading the network input (its input gradient is then not computed). */
        public Builder networkInput(boolean value) {
            this.networkInput = value;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public FastConvolutionLayer build() {
            ConvolutionUtils.validateConvolutionModePadding(convolutionMode, padding);
            ConvolutionUtils.validateCnnKernelStridePadding(kernelSize, stride, padding);
            FastConvolutionLayer layer = new FastConvolutionLayer(this);
            layer.setNetworkInput(networkInput);
            return layer;
        }
    }
}
