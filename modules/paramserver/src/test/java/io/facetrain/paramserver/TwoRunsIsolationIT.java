package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facetrain.paramserver.wire.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

/**
 * Two runs at the same time on one host and one media driver, with the same stream ids, must not
 * interfere: each ends exactly as when it ran alone. Over IPC both servers even subscribe to the
 * same stream, so each sees (and drops, as foreign) the other's messages.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TwoRunsIsolationIT {
    private static final int DIMENSION = 6_000;
    private static final int BATCH = 4;
    private static final long STEPS = 5;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void concurrentRunsDoNotInterfere(Transport transport) throws Exception {
        ParamServerConfig config = TestSettings.config(transport, OptimizerSpec.adam(0.01)).conclude();
        LinearRegressionTask taskA = new LinearRegressionTask(DIMENSION, 51);
        LinearRegressionTask taskB = new LinearRegressionTask(DIMENSION, 52);
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(config)) {
            RunCredentials runA = TestSettings.credentials(601);
            RunCredentials runB = TestSettings.credentials(602);
            try (ParameterServer serverA = start(aeron, config, runA, taskA);
                 ParameterServer serverB = start(aeron, config, runB, taskB)) {
                List<CompletableFuture<float[]>> workers = new ArrayList<>();
                for (int workerId = 0; workerId < 2; workerId++) {
                    workers.add(worker(aeron, config, runA, serverA, taskA, workerId));
                    workers.add(worker(aeron, config, runB, serverB, taskB, workerId));
                }
                for (CompletableFuture<float[]> worker : workers) {
                    worker.get(60, TimeUnit.SECONDS);
                }
                Map<Integer, StepRange> both = Map.of(0, StepRange.of(0, STEPS), 1, StepRange.of(0, STEPS));
                assertTrue(Runs.reference(aeron, config, taskA, BATCH, 603, both, STEPS).sameAs(serverA.snapshot()));
                assertTrue(Runs.reference(aeron, config, taskB, BATCH, 604, both, STEPS).sameAs(serverB.snapshot()));
                assertArrayEquals(workers.get(0).get(), serverA.snapshot().parameters());
                if (transport == Transport.IPC) {
                    assertTrue(serverA.rejections().get(Rejection.FOREIGN_RUN) > 0, "A saw and dropped B's messages");
                    assertTrue(serverB.rejections().get(Rejection.FOREIGN_RUN) > 0, "B saw and dropped A's messages");
                } else {
                    assertEquals(0, serverA.rejections().total(), "separate UDP endpoints: nothing foreign arrives");
                    assertEquals(0, serverB.rejections().total());
                }
            }
        }
    }

    private static ParameterServer start(EmbeddedAeron aeron, ParamServerConfig config, RunCredentials credentials,
                                         LinearRegressionTask task) {
        ParameterServer server = ParameterServer.start(aeron.aeron(), config, credentials,
                ServerState.initial(task.initialParameters(), config.optimizer()));
        server.expectWorkers(StepRange.of(0, STEPS), 0, 1);
        return server;
    }

    private static CompletableFuture<float[]> worker(EmbeddedAeron aeron, ParamServerConfig config,
                                                     RunCredentials credentials, ParameterServer server,
                                                     LinearRegressionTask task, int workerId) {
        return CompletableFuture.supplyAsync(() -> {
            try (ParameterServerClient client = ParameterServerClient.connect(aeron.aeron(), config, credentials,
                    server.endpoint(), workerId, StepRange.of(0, STEPS))) {
                return new WorkerLoop(task, BATCH, line -> { }, workerId).run(client, STEPS);
            }
        });
    }
}
