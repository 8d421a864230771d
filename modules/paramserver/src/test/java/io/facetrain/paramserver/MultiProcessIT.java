package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Workers as separate JVM processes over UDP loopback, the server in this JVM. A worker process is
 * killed (destroyForcibly) while the server collects a step: the step is aborted and reported, and
 * the run goes on as the abort policy says. Results are compared bit for bit with clean in-process
 * runs of the same schedule.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class MultiProcessIT {
    private static final int DIMENSION = 5_000;
    private static final int BATCH = 4;
    private static final long STEPS = 6;
    private static final long KILL_AT = 3;

    private static EmbeddedAeron aeron;
    private final List<ChildWorker> children = new ArrayList<>();
    private final LinearRegressionTask task = new LinearRegressionTask(DIMENSION, 21);

    @BeforeAll
    static void startDriver() {
        aeron = EmbeddedAeron.launch(config(AbortPolicy.RESTART_STEP));
    }

    @AfterAll
    static void stopDriver() {
        aeron.close();
    }

    @AfterEach
    void killChildren() {
        for (ChildWorker child : children) {
            child.close();
        }
    }

    private static ParamServerConfig config(AbortPolicy policy) {
        return TestSettings.config(Transport.UDP, OptimizerSpec.adam(0.01)).abortPolicy(policy).conclude();
    }

    @Test
    void workersInSeparateProcessesTrainLikeWorkersInOneProcess() throws Exception {
        ParamServerConfig config = config(AbortPolicy.RESTART_STEP);
        RunCredentials credentials = TestSettings.credentials(301);
        try (ParameterServer server = startServer(config, credentials, ParameterServerListener.NONE)) {
            server.expectWorkers(StepRange.of(0, STEPS), 0, 1);
            ChildWorker first = launch(server, credentials, config, 0, StepRange.of(0, STEPS), -1);
            ChildWorker second = launch(server, credentials, config, 1, StepRange.of(0, STEPS), -1);
            assertEquals(0, first.awaitExit(90), first.output());
            assertEquals(0, second.awaitExit(90), second.output());
            assertTrue(first.output().contains("DONE " + STEPS), first.output());
            server.awaitVersion(STEPS, Duration.ofSeconds(10));

            ServerState reference = Runs.reference(aeron, config, task, BATCH, 302,
                    Map.of(0, StepRange.of(0, STEPS), 1, StepRange.of(0, STEPS)), STEPS);
            assertTrue(reference.sameAs(server.snapshot()), "parameters and Adam state match the in-process run");
            assertEquals(0, server.rejections().total(), server.rejections().toString());
        }
    }

    @Test
    void killedWorkerAbortsTheStepAndTheRunContinuesWithoutIt() throws Exception {
        ParamServerConfig config = config(AbortPolicy.CONTINUE_WITHOUT_MISSING);
        RunCredentials credentials = TestSettings.credentials(303);
        List<StepAbort> aborts = new CopyOnWriteArrayList<>();
        try (ParameterServer server = startServer(config, credentials, listener(aborts))) {
            server.expectWorkers(StepRange.of(0, STEPS), 0, 1);
            ChildWorker survivor = launch(server, credentials, config, 0, StepRange.of(0, STEPS), -1);
            ChildWorker victim = launch(server, credentials, config, 1, StepRange.of(0, STEPS), KILL_AT);
            victim.awaitLine("STALLING " + KILL_AT, 60);
            victim.kill();

            assertEquals(0, survivor.awaitExit(90), survivor.output());
            assertTrue(survivor.output().contains("ABORTED " + KILL_AT + " missing=[1]"), survivor.output());
            server.awaitVersion(STEPS, Duration.ofSeconds(10));
            assertEquals(1, aborts.size(), aborts.toString());
            StepAbort abort = aborts.get(0);
            assertEquals(KILL_AT, abort.step());
            assertEquals(AbortReason.TIMEOUT, abort.reason());
            assertEquals(List.of(1), abort.missingWorkers());
            assertEquals(List.of(1), abort.evictedWorkers());
            assertEquals(abort, server.status().lastAbort());

            // Worker 1 took part in steps 0..2 only; the aborted attempt of step 3 left no trace.
            ServerState reference = Runs.reference(aeron, config, task, BATCH, 304,
                    Map.of(0, StepRange.of(0, STEPS), 1, StepRange.of(0, KILL_AT)), STEPS);
            assertTrue(reference.sameAs(server.snapshot()), "state matches a clean run without worker 1 from step 3");
        }
    }

    @Test
    void killedWorkerStepRestartsWhenAReplacementJoins() throws Exception {
        ParamServerConfig config = config(AbortPolicy.RESTART_STEP);
        RunCredentials credentials = TestSettings.credentials(305);
        List<StepAbort> aborts = new CopyOnWriteArrayList<>();
        try (ParameterServer server = startServer(config, credentials, listener(aborts))) {
            server.expectWorkers(StepRange.of(0, STEPS), 0, 1);
            ChildWorker survivor = launch(server, credentials, config, 0, StepRange.of(0, STEPS), -1);
            ChildWorker victim = launch(server, credentials, config, 1, StepRange.of(0, STEPS), KILL_AT);
            victim.awaitLine("STALLING " + KILL_AT, 60);
            victim.kill();
            survivor.awaitLine("ABORTED " + KILL_AT, 30);
            float[] beforeReplacement = server.snapshot().parameters();

            ChildWorker replacement = launch(server, credentials, config, 1, StepRange.of(0, STEPS), -1);
            assertEquals(0, replacement.awaitExit(90), replacement.output());
            assertEquals(0, survivor.awaitExit(90), survivor.output());
            server.awaitVersion(STEPS, Duration.ofSeconds(10));

            assertTrue(aborts.size() >= 1, "the killed worker's step was aborted");
            for (StepAbort abort : aborts) {
                assertEquals(KILL_AT, abort.step());
                assertEquals(List.of(1), abort.missingWorkers());
                assertEquals(List.of(), abort.evictedWorkers());
                assertEquals(AbortPolicy.RESTART_STEP, abort.policy());
            }
            ServerState reference = Runs.reference(aeron, config, task, BATCH, 306,
                    Map.of(0, StepRange.of(0, STEPS), 1, StepRange.of(0, STEPS)), STEPS);
            assertTrue(reference.sameAs(server.snapshot()), "state matches an uninterrupted run");
            ServerState atKill = Runs.reference(aeron, config, task, BATCH, 307,
                    Map.of(0, StepRange.of(0, STEPS), 1, StepRange.of(0, STEPS)), KILL_AT);
            assertArrayEquals(atKill.parameters(), beforeReplacement, "nothing of the aborted step was applied");
        }
    }

    private ParameterServer startServer(ParamServerConfig config, RunCredentials credentials,
                                        ParameterServerListener listener) {
        return ParameterServer.start(aeron.aeron(), config, credentials,
                ServerState.initial(task.initialParameters(), config.optimizer()), listener);
    }

    private ChildWorker launch(ParameterServer server, RunCredentials credentials, ParamServerConfig config,
                               int workerId, StepRange steps, long stallAt) throws Exception {
        ChildWorker child = ChildWorker.start(server.endpoint(), credentials, workerId, steps, task, BATCH, stallAt,
                config);
        children.add(child);
        return child;
    }

    private static ParameterServerListener listener(List<StepAbort> aborts) {
        return new ParameterServerListener() {
            @Override
            public void onStepAborted(StepAbort abort) {
                aborts.add(abort);
            }
        };
    }
}
