package io.facetrain.paramserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Clean in-process runs used as references: the same server, workers and task, without any fault. */
final class Runs {
    private Runs() {
    }

    /**
     * Trains with each worker taking part in the steps of its range, and returns the server's final
     * state.
     *
     * @param memberships worker id → steps it pushes
     * @param endStep the version the run stops at
     */
    static ServerState reference(EmbeddedAeron aeron, ParamServerConfig config, LinearRegressionTask task, int batch,
                                 long runId, Map<Integer, StepRange> memberships, long endStep) throws Exception {
        return reference(aeron, config, ServerState.initial(task.initialParameters(), config.optimizer()), task, batch,
                runId, memberships, endStep);
    }

    /** As above, from {@code initial} (for example with an update plan) instead of the configured optimizer. */
    static ServerState reference(EmbeddedAeron aeron, ParamServerConfig config, ServerState initial,
                                 LinearRegressionTask task, int batch, long runId, Map<Integer, StepRange> memberships,
                                 long endStep) throws Exception {
        RunCredentials credentials = TestSettings.credentials(runId);
        ExecutorService pool = Executors.newFixedThreadPool(memberships.size());
        try (ParameterServer server = ParameterServer.start(aeron.aeron(), config, credentials, initial)) {
            memberships.forEach((workerId, steps) -> server.expectWorkers(steps, workerId));
            List<Future<float[]>> results = new ArrayList<>();
            memberships.forEach((workerId, steps) -> results.add(pool.submit(() -> {
                try (ParameterServerClient client = ParameterServerClient.connect(aeron.aeron(), config, credentials,
                        server.endpoint(), workerId, steps)) {
                    return new WorkerLoop(task, batch, line -> { }, workerId).run(client, Math.min(steps.end(), endStep));
                }
            })));
            for (Future<float[]> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
            server.awaitVersion(endStep, java.time.Duration.ofSeconds(30));
            return server.snapshot();
        } finally {
            pool.shutdownNow();
        }
    }
}
