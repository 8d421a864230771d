package io.facetrain.core.nn;

/**
 * Which implementation of the 2D convolution and batch-norm layers an encoder is built with. Both compute
 * the same function with the same parameters and JSON-compatible configurations (tests check outputs and
 * gradients against each other); they differ in speed and memory behaviour on the CPU.
 */
public enum LayerImplementation {
    /** {@link FastConvolutionLayer} and {@link FastBatchNormalizationLayer} with a fused ReLU: the default. */
    FAST,
    /**
     * DL4J 1.0.0-M2's own ConvolutionLayer, BatchNormalization and ActivationLayer: the reference that
     * benchmarks compare against.
     */
    DL4J
}
