package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Checkpoint at step 4, keep training to step 6, lose the server (and those two steps), restore
 * the checkpoint in a new server, train to step 8: parameters and Adam state are bit-identical to
 * an uninterrupted run, with one optimiser for all parameters and with an update plan
 * (Adam with a learning-rate schedule | NoOp | Adam).
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
        checkpointLoseAndRestore(config, task, ServerState.initial(task.initialParameters(), config.optimizer()), 701);
    }

    @Test
    void restoredServerWithAnUpdatePlanContinuesBitIdentically() throws Exception {
        ParamServerConfig config = TestSettings.config(Transport.UDP, OptimizerSpec.adam(0.01)).conclude();
        LinearRegressionTask task = new LinearRegressionTask(DIMENSION, 62);
        // The schedule is still warming up at the checkpoint, so a restore that lost it would show.
        UpdatePlan plan = UpdatePlan.of(List.of(new UpdateRange(0, 3_000, new Adam(new RampSchedule(0.02, 6, 4))),
                new UpdateRange(3_000, 500, new NoOp()), new UpdateRange(3_500, DIMENSION - 3_500, new Adam(0.01))),
                DIMENSION);
        checkpointLoseAndRestore(config, task, ServerState.initial(task.initialParameters(), plan), 711);
    }

    private void checkpointLoseAndRestore(ParamServerConfig config, LinearRegressionTask task, ServerState initial,
                                          long runId) throws Exception {
        CheckpointStore store = CheckpointStore.at(directory.resolve("run-" + runId).toUri().toString());
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(config)) {
            RunCredentials credentials = TestSettings.credentials(runId);
            try (ParameterServer doomed = ParameterServer.start(aeron.aeron(), config, credentials, initial)) {
                doomed.expectWorkers(StepRange.of(0, STEPS), 0, 1);
                train(aeron, config, credentials, doomed, task, CHECKPOINT_AT);
                doomed.checkpoint(store);
                train(aeron, config, credentials, doomed, task, LOST_AT);
                assertEquals(LOST_AT, doomed.version());
            }

            ServerState restored = store.loadLatest().orElseThrow();
            assertEquals(CHECKPOINT_AT, restored.version());
            assertEquals(initial.plan(), restored.plan());
            try (ParameterServer server = ParameterServer.start(aeron.aeron(), config, credentials, restored)) {
                server.expectWorkers(StepRange.of(CHECKPOINT_AT, STEPS), 0, 1);
                train(aeron, config, credentials, server, task, STEPS);
                ServerState uninterrupted = Runs.reference(aeron, config, initial, task, BATCH, runId + 1,
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
