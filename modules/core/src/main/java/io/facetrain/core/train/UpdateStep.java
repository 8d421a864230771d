package io.facetrain.core.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The step of the training loop that turns one minibatch's gradient into the parameters the next step
 * computes on. Pluggable: {@link LocalUpdateStep} applies the optimiser in this process; a distributed
 * trainer plugs in a step that pushes the gradient (weighted by its triplet count) to a parameter server
 * and pulls the combined result.
 *
 * <p>Contract: {@code apply} is called once per step, in step order, from the training thread. On return
 * {@code parameters} must hold the parameters to use next; the gradient must not be modified.
 */
public interface UpdateStep extends AutoCloseable {

    /**
     * @param gradient   the step's gradient and its statistics
     * @param parameters the network's live flat parameter vector ([1, n]); the step writes the next
     *                   parameters into it
     */
    void apply(StepGradient gradient, INDArray parameters);

    /** Releases optimiser state or connections. */
    @Override
    void close();
}
