package io.facetrain.spark.train;

import io.facetrain.core.train.StepGradient;
import io.facetrain.core.train.UpdateStep;
import io.facetrain.paramserver.ParameterServerClient;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Objects;

/**
 * The update step of a distributed worker: pushes the step's gradient to the parameter server, weighted by
 * the number of triplets its mean was taken over, waits until every worker has pushed and the server has
 * applied the optimiser to the weighted mean, and copies the new parameters into the encoder. A step is
 * always computed on the parameters of the version it is pushed for: a gradient for any other step is
 * refused before anything is sent.
 *
 * <p>Owns the client: closing the step deregisters the worker.
 */
public final class ParameterServerUpdateStep implements UpdateStep {

    /**
     * Weight of a step whose minibatch gave no triplet (its loss gradient is zero, but its regularisation and
     * batch-norm statistics are still pushed): small enough not to count beside real triplets, and positive,
     * because the server wants every worker's contribution to every step.
     */
    public static final double EMPTY_STEP_WEIGHT = 1e-6;

    private final ParameterServerClient client;
    private long exchangeNanos;

    /** @param client a registered client, owned by this step from now on */
    public ParameterServerUpdateStep(ParameterServerClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The weight a step's gradient gets in the server's weighted mean. */
    public static double weightOf(StepGradient gradient) {
        return gradient.tripletCount() > 0 ? gradient.tripletCount() : EMPTY_STEP_WEIGHT;
    }

    /**
     * Copies the server's current parameters into {@code parameters}: call once before the first step.
     *
     * @return their version, i.e. the step to compute next
     */
    public long pullInto(INDArray parameters) {
        try (INDArray current = client.pull()) {
            parameters.assign(current.reshape(parameters.shape()));
        }
        return client.lastVersion();
    }

    @Override
    public void apply(StepGradient gradient, INDArray parameters) {
        long step = gradient.iteration();
        long held = client.lastVersion();
        if (step != held) {
            throw new IllegalStateException("worker " + client.workerId() + " computed step " + step + " but holds the "
                    + "parameters of version " + held + "; a gradient is only pushed for the version it was computed on");
        }
        long start = System.nanoTime();
        try (INDArray next = client.pushAndPull(step, gradient.gradient(), weightOf(gradient))) {
            exchangeNanos += System.nanoTime() - start;
            if (client.lastVersion() != step + 1) {
                throw new IllegalStateException("worker " + client.workerId() + " pushed step " + step
                        + " but received version " + client.lastVersion());
            }
            parameters.assign(next.reshape(parameters.shape()));
        }
    }

    /** Time spent blocked in push-and-pull: sending, waiting for the other workers and the optimiser, receiving. */
    public long exchangeNanos() {
        return exchangeNanos;
    }

    /** Deregisters the worker and stops its client. */
    @Override
    public void close() {
        client.close();
    }
}
