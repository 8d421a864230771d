package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint at step 4, keep training to step 6, lose the server (and those two steps), restore
 * the checkpoint in a new server, train to step 8: parameters and Adam state are bit-identical to
 * an uninterrupted run.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CheckpointRestoreIT {
    private static final int DIMENSION = 8_000;
    private static final int BATCH = 4;
    private static final long CHECKPOINT_AT = 4;
    private static final long LOST_AT = 6;
    private static final long STEPS = 8;

    @TempDir
    Path directory;

    @Test
    void restoredServerContinuesBitIdentically() throws Exception {
        ParamServerConfig config = TestSettings.config(Transport.UDP, OptimizerSpec.adam(0.01)).conclude();
        LinearRegressionTask task = new LinearRegressionTask(DIMENSION, 61);
        CheckpointStore store = CheckpointStore.at(directory.resolve("run-701").toUri().toString());
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(config)) {
            RunCredentials credentials = TestSettings.credentials(701);
            try (ParameterServer doomed = ParameterServer.start(aeron.aeron(), config, credentials,
                    ServerState.initial(task.initialParameters(), config.optimizer()))) {
                doomed.expectWorkers(StepRange.of(0, STEPS), 0, 1);
                train(aeron, config, credentials, doomed, task, CHECKPOINT_AT);
                doomed.checkpoint(store);
                train(aeron, config, credentials, doomed, task, LOST_AT);
                assertEquals(LOST_AT, doomed.version());
            }

            ServerState restored = store.loadLatest().orElseThrow();
            assertEquals(CHECKPOINT_AT, restored.version());
            try (ParameterServer server = ParameterServer.start(aeron.aeron(), config, credentials, restored)) {
                server.expectWorkers(StepRange.of(CHECKPOINT_AT, STEPS), 0, 1);
                train(aeron, config, credentials, server, task, STEPS);
                ServerState uninterrupted = Runs.reference(aeron, config, task, BATCH, 702,
                        Map.of(0, StepRange.of(0, STEPS), 1, StepRange.of(0, STEPS)), STEPS);
                ServerState resumed = server.snapshot();
                assertEquals(STEPS, resumed.version());
                assertTrue(uninterrupted.sameAs(resumed), "parameters, optimizer state and version are bit-identical");
            }
        }
    }

    /** Both workers connect, train from the server's version up to {@code endStep}, and leave. */
    private static void train(EmbeddedAeron aeron, ParamServerConfig config, RunCredentials credentials,
                              ParameterServer server, LinearRegressionTask task, long endStep) throws Exception {
        CompletableFuture<float[]> first = CompletableFuture.supplyAsync(
                () -> run(aeron, config, credentials, server, task, 0, endStep));
        run(aeron, config, credentials, server, task, 1, endStep);
        first.get(60, TimeUnit.SECONDS);
    }

    private static float[] run(EmbeddedAeron aeron, ParamServerConfig config, RunCredentials credentials,
                               ParameterServer server, LinearRegressionTask task, int workerId, long endStep) {
        try (ParameterServerClient client = ParameterServerClient.connect(aeron.aeron(), config, credentials,
                server.endpoint(), workerId, StepRange.of(server.version(), STEPS))) {
            return new WorkerLoop(task, BATCH, line -> { }, workerId).run(client, endStep);
        }
    }
}
