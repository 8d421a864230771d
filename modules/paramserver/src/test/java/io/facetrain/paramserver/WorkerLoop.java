package io.facetrain.paramserver;

import io.facetrain.paramserver.wire.PushRejectedPayload;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * What a training task does with a client: pull, then for each step compute the gradient on the
 * current parameters and push it, pushing again when the server aborted the step.
 */
final class WorkerLoop {
    private static final int MAX_ATTEMPTS_PER_STEP = 10;

    private final LinearRegressionTask task;
    private final int batch;
    private final int[] dataOf;
    private final Consumer<String> log;
    private LongConsumer beforeStep = step -> { };

    /**
     * @param dataOf the worker ids whose minibatches this worker trains on (one id normally; all of
     *     them for the single-worker combined-batch reference)
     */
    WorkerLoop(LinearRegressionTask task, int batch, Consumer<String> log, int... dataOf) {
        this.task = task;
        this.batch = batch;
        this.dataOf = dataOf;
        this.log = log;
    }

    /** Runs {@code hook} before each step's gradient is computed (to stall a worker, for example). */
    WorkerLoop beforeEachStep(LongConsumer hook) {
        beforeStep = hook;
        return this;
    }

    /** Runs steps from the server's current version up to {@code endStep}; returns the final parameters. */
    float[] run(ParameterServerClient client, long endStep) {
        float[] parameters = new float[client.parameterCount()];
        float[] gradient = new float[client.parameterCount()];
        long version = client.pull(parameters);
        while (version < endStep) {
            beforeStep.accept(version);
            int weight = task.gradient(parameters, version, batch, gradient, dataOf);
            version = pushWithRetries(client, version, gradient, weight, parameters);
            log.accept("STEP " + (version - 1));
        }
        return parameters;
    }

    private long pushWithRetries(ParameterServerClient client, long step, float[] gradient, int weight,
                                 float[] parameters) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.pushAndPull(step, gradient, weight, parameters);
            } catch (StepAbortedException e) {
                log.accept("ABORTED " + step + " missing=" + e.abort().missingWorkers());
                if (e.evictedThisWorker() || attempt == MAX_ATTEMPTS_PER_STEP) {
                    throw e;
                }
            } catch (StepRejectedException e) {
                // Only a superseded attempt is worth pushing again; the client now knows the current one.
                if (e.reason() != PushRejectedPayload.Reason.SUPERSEDED_ATTEMPT || attempt == MAX_ATTEMPTS_PER_STEP) {
                    throw e;
                }
            }
        }
    }
}
