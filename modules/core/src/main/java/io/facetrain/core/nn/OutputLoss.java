package io.facetrain.core.nn;

/**
 * A loss defined on the network's output rows, supplied from outside the network (for example the
 * triplet loss over a P×K batch, whose triplets index the batch's rows). {@link EncoderGraph} calls it
 * once per training step with the forward-pass output, and back-propagates the gradient it fills in.
 *
 * @param <R> what the loss reports back (its value, statistics, ...)
 */
@FunctionalInterface
public interface OutputLoss<R> {

    /**
     * @param output         the network output, {@code rows × dim}, row-major; read-only
     * @param rows           number of output rows (the batch size)
     * @param dim            values per row
     * @param outputGradient to fill with dLoss/dOutput, same layout as {@code output}; arrives zeroed
     * @return the loss's report for this batch
     */
    R evaluate(double[] output, int rows, int dim, double[] outputGradient);
}
