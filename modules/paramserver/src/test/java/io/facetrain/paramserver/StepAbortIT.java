package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facetrain.paramserver.wire.PushRejectedPayload;
import io.facetrain.paramserver.wire.Rejection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Aborted, refused and evicted pushes in one JVM (IPC): what the server reports and what workers see. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StepAbortIT {
    private static final int DIMENSION = 3_000;
    private static final int BATCH = 4;

    private static EmbeddedAeron aeron;
    private final LinearRegressionTask task = new LinearRegressionTask(DIMENSION, 31);

    @BeforeAll
    static void startDriver() {
        aeron = EmbeddedAeron.launch(config(AbortPolicy.RESTART_STEP));
    }

    @AfterAll
    static void stopDriver() {
        aeron.close();
    }

    private static ParamServerConfig config(AbortPolicy policy) {
        return TestSettings.config(Transport.IPC, OptimizerSpec.adam(0.01)).abortPolicy(policy).conclude();
    }

    @Test
    void nonFiniteGradientAbortsTheStepAndNothingOfItIsApplied() throws Exception {
        ParamServerConfig config = config(AbortPolicy.RESTART_STEP);
        RunCredentials credentials = TestSettings.credentials(401);
        List<StepAbort> aborts = new CopyOnWriteArrayList<>();
        try (ParameterServer server = start(config, credentials, aborts);
             ParameterServerClient first = connect(server, config, credentials, 0, StepRange.of(0, 3));
             ParameterServerClient second = connect(server, config, credentials, 1, StepRange.of(0, 3))) {
            server.expectWorkers(StepRange.of(0, 3), 0, 1);
            float[] p0 = new float[DIMENSION];
            float[] p1 = new float[DIMENSION];
            first.pull(p0);
            second.pull(p1);
            exchangeBoth(first, second, 0, p0, p1, false);
            float[] beforeBadStep = server.snapshot().parameters();

            CompletableFuture<Long> good = CompletableFuture.supplyAsync(() -> push(first, 1, p0, 0, p0, false));
            StepAbortedException bad = assertThrows(StepAbortedException.class, () -> push(second, 1, p1, 1, p1, true));
            StepAbortedException goodFailure = assertThrows(StepAbortedException.class,
                    () -> unwrap(good));
            for (StepAbortedException e : List.of(bad, goodFailure)) {
                assertEquals(AbortReason.NON_FINITE_GRADIENT, e.abort().reason());
                assertEquals(List.of(1), e.abort().nonFiniteWorkers());
                assertEquals(List.of(), e.abort().evictedWorkers());
                assertTrue(!e.evictedThisWorker());
            }
            assertEquals(1, server.version());
            assertArrayEquals(beforeBadStep, server.snapshot().parameters(), "the aborted step changed nothing");

            exchangeBoth(first, second, 1, p0, p1, false);
            exchangeBoth(first, second, 2, p0, p1, false);
            assertEquals(1, aborts.size());
            ServerState reference = Runs.reference(aeron, config, task, BATCH, 402,
                    Map.of(0, StepRange.of(0, 3), 1, StepRange.of(0, 3)), 3);
            assertTrue(reference.sameAs(server.snapshot()));
        }
    }

    @Test
    void stalePushesAreRefusedAtOnceWithTheServersVersion() {
        ParamServerConfig config = config(AbortPolicy.RESTART_STEP);
        RunCredentials credentials = TestSettings.credentials(403);
        try (ParameterServer server = start(config, credentials, new CopyOnWriteArrayList<>());
             ParameterServerClient client = connect(server, config, credentials, 0, StepRange.of(0, 10))) {
            float[] parameters = new float[DIMENSION];
            client.pull(parameters);
            assertEquals(1, push(client, 0, parameters, 0, parameters, false));

            long started = System.nanoTime();
            StepRejectedException stale = assertThrows(StepRejectedException.class,
                    () -> push(client, 0, parameters, 0, parameters, false));
            assertEquals(PushRejectedPayload.Reason.STALE_STEP, stale.reason(), "the client holds version 1 already");
            assertEquals(1, stale.serverVersion());
            try (ParameterServerClient late = connect(server, config, credentials, 1, StepRange.of(0, 10))) {
                StepRejectedException refused = assertThrows(StepRejectedException.class,
                        () -> push(late, 0, new float[DIMENSION], 1, new float[DIMENSION], false));
                assertEquals(PushRejectedPayload.Reason.STALE_STEP, refused.reason(), "the server refuses step 0");
                assertEquals(1, refused.serverVersion());
            }
            StepRejectedException ahead = assertThrows(StepRejectedException.class,
                    () -> push(client, 4, parameters, 0, parameters, false));
            assertEquals(PushRejectedPayload.Reason.FUTURE_STEP, ahead.reason());
            assertTrue(System.nanoTime() - started < config.stepTimeout().toNanos(), "refusals come without waiting");
            assertThrows(IllegalArgumentException.class, () -> push(client, 10, parameters, 0, parameters, false));
            assertThrows(IllegalArgumentException.class,
                    () -> client.pushAndPull(1, new float[DIMENSION - 1], 1.0, parameters));
            assertThrows(IllegalArgumentException.class,
                    () -> client.pushAndPull(1, parameters, Double.NaN, parameters));

            assertEquals(2, push(client, 1, parameters, 0, parameters, false), "the worker goes on after refusals");
            assertTrue(server.rejections().get(Rejection.STALE_STEP) > 0);
            assertTrue(server.rejections().get(Rejection.FUTURE_STEP) > 0);
        }
    }

    @Test
    void declaredWorkerThatNeverShowsUpIsEvictedAndTheOthersContinue() throws Exception {
        ParamServerConfig config = config(AbortPolicy.CONTINUE_WITHOUT_MISSING);
        RunCredentials credentials = TestSettings.credentials(404);
        List<StepAbort> aborts = new CopyOnWriteArrayList<>();
        try (ParameterServer server = start(config, credentials, aborts);
             ParameterServerClient present = connect(server, config, credentials, 0, StepRange.of(0, 2));
             ParameterServerClient idle = connect(server, config, credentials, 2, StepRange.of(0, 2))) {
            server.expectWorkers(StepRange.of(0, 2), 0, 1, 2);
            float[] parameters = new float[DIMENSION];
            present.pull(parameters);
            StepAbortedException e = assertThrows(StepAbortedException.class,
                    () -> push(present, 0, parameters, 0, parameters, false));
            assertEquals(List.of(1, 2), e.abort().missingWorkers(), "never registered and idle are both missing");
            assertEquals(List.of(1, 2), e.abort().evictedWorkers());
            assertTrue(!e.evictedThisWorker());
            assertEquals(List.of(0), server.status().registeredWorkers());

            assertEquals(1, push(present, 0, parameters, 0, parameters, false), "the remaining worker completes the step");
            assertEquals(2, push(present, 1, parameters, 0, parameters, false));

            waitUntil(idle::isEvicted, "the idle worker learns it was evicted");
            ParameterServerException refused = assertThrows(ParameterServerException.class,
                    () -> idle.pushAndPull(0, new float[DIMENSION], 1.0, new float[DIMENSION]));
            assertTrue(refused.getMessage().contains("evicted"), refused.getMessage());
            assertEquals(1, aborts.size());
            ServerState reference = Runs.reference(aeron, config, task, BATCH, 405, Map.of(0, StepRange.of(0, 2)), 2);
            assertTrue(reference.sameAs(server.snapshot()));
        }
    }

    @Test
    void aWorkerLeavingMidStepLetsTheOthersFinishIt() throws Exception {
        ParamServerConfig config = config(AbortPolicy.RESTART_STEP);
        RunCredentials credentials = TestSettings.credentials(406);
        try (ParameterServer server = start(config, credentials, new CopyOnWriteArrayList<>());
             ParameterServerClient staying = connect(server, config, credentials, 0, StepRange.of(0, 2))) {
            ParameterServerClient leaving = connect(server, config, credentials, 1, StepRange.of(0, 2));
            try {
                float[] parameters = new float[DIMENSION];
                staying.pull(parameters);
                CompletableFuture<Long> pushed = CompletableFuture.supplyAsync(
                        () -> push(staying, 0, parameters, 0, parameters, false));
                waitUntil(() -> server.status().waitingFor().equals(List.of(1)), "worker 0's gradient is in");
                leaving.close();
                assertEquals(1L, pushed.get(30, TimeUnit.SECONDS));
            } finally {
                leaving.close();
            }
            assertEquals(List.of(0), server.status().registeredWorkers());
        }
    }

    private ParameterServer start(ParamServerConfig config, RunCredentials credentials, List<StepAbort> aborts) {
        return ParameterServer.start(aeron.aeron(), config, credentials,
                ServerState.initial(task.initialParameters(), config.optimizer()), new ParameterServerListener() {
                    @Override
                    public void onStepAborted(StepAbort abort) {
                        aborts.add(abort);
                    }
                });
    }

    private static ParameterServerClient connect(ParameterServer server, ParamServerConfig config,
                                                 RunCredentials credentials, int workerId, StepRange steps) {
        return ParameterServerClient.connect(aeron.aeron(), config, credentials, server.endpoint(), workerId, steps);
    }

    /** Pushes the worker's gradient for {@code step} (or NaNs) computed on {@code parameters}. */
    private long push(ParameterServerClient client, long step, float[] parameters, int dataOf, float[] target,
                      boolean poisoned) {
        float[] gradient = new float[DIMENSION];
        int weight = task.gradient(parameters, step, BATCH, gradient, dataOf);
        if (poisoned) {
            Arrays.fill(gradient, 0, 10, Float.NaN);
        }
        return client.pushAndPull(step, gradient, weight, target);
    }

    private void exchangeBoth(ParameterServerClient first, ParameterServerClient second, long step, float[] p0,
                              float[] p1, boolean poisoned) throws Exception {
        CompletableFuture<Long> a = CompletableFuture.supplyAsync(() -> push(first, step, p0, 0, p0, poisoned));
        assertEquals(step + 1, push(second, step, p1, 1, p1, poisoned));
        assertEquals(step + 1, a.get(30, TimeUnit.SECONDS));
        assertArrayEquals(p0, p1);
    }

    private static long unwrap(CompletableFuture<Long> future) throws Throwable {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    static void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
