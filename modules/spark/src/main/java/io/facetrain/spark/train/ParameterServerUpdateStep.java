package io.facetrain.spark.train;

import io.facetrain.core.train.StepGradient;
import io.facetrain.core.train.UpdateStep;
import io.facetrain.paramserver.ParameterServerClient;
import io.facetrain.paramserver.StepAbortedException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * The update step of a distributed worker: pushes the step's gradient to the parameter server, weighted by
 * the number of triplets its mean was taken over, waits until every worker has pushed and the server has
 * applied the optimiser to the weighted mean, and copies the new parameters into the encoder. A step is
 * always computed on the parameters of the version it is pushed for: a gradient for any other step is
 * refused before anything is sent.
 *
 * <p>Before every push the step asks its {@link StopCheck} whether the worker must stop (a Spark task that
 * was killed because its stage attempt failed): a stopped worker never pushes again, so it cannot contribute
 * to the steps of the attempt that replaces it. When the server aborts a step (a worker missed the step
 * timeout; under the {@code restart-step} policy every worker keeps its place and the step restarts), the
 * same gradient, still computed on the step's parameters, is pushed again, at most
 * {@link #MAX_PUSHES_PER_STEP} times in all.
 *
 * <p>Owns the client: closing the step deregisters the worker.
 */
public final class ParameterServerUpdateStep implements UpdateStep {

    private static final Logger LOG = LoggerFactory.getLogger(ParameterServerUpdateStep.class);

    /**
     * Pushes of one step's gradient before the step gives up: every abort costs a whole step timeout, and a
     * step that keeps failing means a worker is gone for good, which only a new stage attempt can repair.
     */
    public static final int MAX_PUSHES_PER_STEP = 3;

    /** Decides, before each push, whether the worker must stop. */
    @FunctionalInterface
    public interface StopCheck {

        /** A worker that is never stopped from outside. */
        StopCheck NEVER = () -> {
        };

        /** Throws (any runtime exception, e.g. Spark's {@code TaskKilledException}) when the worker must stop. */
        void throwIfStopped();
    }

    /**
     * Weight of a step whose minibatch gave no triplet (its loss gradient is zero, but its regularisation and
     * batch-norm statistics are still pushed): small enough not to count beside real triplets, and positive,
     * because the server wants every worker's contribution to every step.
     */
    public static final double EMPTY_STEP_WEIGHT = 1e-6;

    private final ParameterServerClient client;
    private final StopCheck stopCheck;
    private long exchangeNanos;
    private int repushes;

    /** @param client a registered client, owned by this step from now on */
    public ParameterServerUpdateStep(ParameterServerClient client) {
        this(client, StopCheck.NEVER);
    }

    /**
     * @param client    a registered client, owned by this step from now on
     * @param stopCheck asked before every push
     */
    public ParameterServerUpdateStep(ParameterServerClient client, StopCheck stopCheck) {
        this.client = Objects.requireNonNull(client, "client");
        this.stopCheck = Objects.requireNonNull(stopCheck, "stopCheck");
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
        try (INDArray next = pushUntilApplied(step, gradient)) {
            exchangeNanos += System.nanoTime() - start;
            if (client.lastVersion() != step + 1) {
                throw new IllegalStateException("worker " + client.workerId() + " pushed step " + step
                        + " but received version " + client.lastVersion());
            }
            parameters.assign(next.reshape(parameters.shape()));
        }
    }

    private INDArray pushUntilApplied(long step, StepGradient gradient) {
        StepAbortedException lastAbort = null;
        for (int push = 1; push <= MAX_PUSHES_PER_STEP; push++) {
            stopCheck.throwIfStopped();
            if (lastAbort != null) {
                repushes++;
                LOG.warn("worker {}: step {} was aborted by the server ({}); pushing it again", client.workerId(), step,
                        lastAbort.getMessage());
            }
            try {
                return client.pushAndPull(step, gradient.gradient(), weightOf(gradient));
            } catch (StepAbortedException e) {
                if (e.evictedThisWorker()) {
                    throw e;
                }
                lastAbort = e;
            }
        }
        throw lastAbort;
    }

    /** Pushes repeated because the server aborted the step they were for. */
    public int repushes() {
        return repushes;
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
