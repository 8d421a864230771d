package io.facetrain.core.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the floating-point operations of an encoder's forward pass, per example: two per multiply-add of
 * every convolution and dense layer (batch norm, activations and pooling are memory-bound and left out, as
 * is usual). One training step costs about three forward passes: the forward pass itself, the gradient
 * with respect to the activations and the gradient with respect to the weights.
 */
public final class EncoderFlops {

    /** Training ≈ forward + two backward products of the same size. */
    public static final int TRAINING_MULTIPLIER = 3;

    private final Map<String, Long> perLayer;
    private final long forward;

    private EncoderFlops(Map<String, Long> perLayer) {
        this.perLayer = Collections.unmodifiableMap(perLayer);
        long total = 0;
        for (long f : perLayer.values()) {
            total += f;
        }
        this.forward = total;
    }

    /** Counts the FLOPs of {@code configuration} on examples of {@code shape}. */
    public static EncoderFlops of(ComputationGraphConfiguration configuration, InputShape shape) {
        ComputationGraphConfiguration conf = configuration.clone();
        Map<String, InputType> outputs = conf.getLayerActivationTypes(false, false, shape.inputType());
        Map<String, Long> perLayer = new LinkedHashMap<>();
        for (Map.Entry<String, InputType> e : outputs.entrySet()) {
            GraphVertex vertex = conf.getVertices().get(e.getKey());
            if (!(vertex instanceof LayerVertex)) {
                continue;
            }
            Layer layer = ((LayerVertex) vertex).getLayerConf().getLayer();
            long flops = layerFlops(layer, e.getValue());
            if (flops > 0) {
                perLayer.put(e.getKey(), flops);
            }
        }
        return new EncoderFlops(perLayer);
    }

    private static long layerFlops(Layer layer, InputType output) {
        if (layer instanceof Convolution3D) {
            Convolution3D c = (Convolution3D) layer;
            int[] k = c.getKernelSize();
            return 2L * k[0] * k[1] * k[2] * c.getNIn() * output.arrayElementsPerExample();
        }
        if (layer instanceof Convolution1DLayer) {
            // The configuration stores the length k twice ([k, k]); the layer convolves with a k × 1 kernel.
            Convolution1DLayer c = (Convolution1DLayer) layer;
            return 2L * c.getKernelSize()[0] * c.getNIn() * output.arrayElementsPerExample();
        }
        if (layer instanceof ConvolutionLayer) {
            ConvolutionLayer c = (ConvolutionLayer) layer;
            int[] k = c.getKernelSize();
            long kernel = 1;
            for (int v : k) {
                kernel *= v;
            }
            return 2L * kernel * c.getNIn() * output.arrayElementsPerExample();
        }
        if (layer instanceof DenseLayer) {
            DenseLayer d = (DenseLayer) layer;
            return 2L * d.getNIn() * d.getNOut();
        }
        return 0;
    }

    /** Forward-pass FLOPs per example. */
    public long forwardPerExample() {
        return forward;
    }

    /** Approximate training FLOPs per example ({@value #TRAINING_MULTIPLIER} × forward). */
    public long trainingPerExample() {
        return TRAINING_MULTIPLIER * forward;
    }

    /** Forward FLOPs per example of each convolution and dense layer, in topological order. */
    public Map<String, Long> perLayer() {
        return perLayer;
    }
}
