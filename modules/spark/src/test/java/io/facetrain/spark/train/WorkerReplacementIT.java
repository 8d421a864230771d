package io.facetrain.spark.train;

import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.train.LocalUpdateStep;
import io.facetrain.core.train.StepGradient;
import io.facetrain.core.train.TrainingConfig;
import io.facetrain.paramserver.EmbeddedAeron;
import io.facetrain.paramserver.ParamServerConfig;
import io.facetrain.paramserver.ParameterServer;
import io.facetrain.paramserver.ParameterServerClient;
import io.facetrain.paramserver.ParameterServerException;
import io.facetrain.paramserver.RunCredentials;
import io.facetrain.paramserver.ServerState;
import io.facetrain.paramserver.StepRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a retried barrier stage does to the parameter server, without Spark, on a real server over UDP loopback:
 * the step that was in flight when a worker died (its peer had pushed, it had not) is completed by the
 * replacements exactly once, with the replacements' gradients only; the peer's thread, interrupted as Spark
 * interrupts a killed task, leaves its wait at once and never pushes again; and under {@code restart-step} a
 * step the server aborted is pushed again.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WorkerReplacementIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TrainingConfig config = TrainingFixtures.config(TrainingFixtures.TINY).training();
    private final Encoder encoder = RunEncoders.create(config);
    private final float[] initial = encoder.parameters().castTo(DataType.FLOAT).toFloatVector();
    private final Random random = new Random(23);

    @Test
    void replacementsCompleteTheDeadWorkersStepOnceWithoutTheKilledPeersGradient() throws Exception {
        ParamServerConfig transport = TrainingFixtures.config().paramServer();
        float[] zombieGradient = gradient();
        float[][] replacementGradients = {gradient(), gradient()};
        float[][] nextGradients = {gradient(), gradient()};
        RunCredentials credentials = RunCredentials.generate(new SecureRandom());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(transport);
             ParameterServer server = ParameterServer.start(aeron.aeron(), transport, credentials,
                     ServerState.initial(initial, UpdatePlans.of(encoder.parameterLayout())));
             // Worker 1 of the failed attempt registers and dies before pushing step 0 (its JVM is gone: it
             // never deregisters while the replacements run).
             ParameterServerClient dead = ParameterServerClient.connect(aeron.aeron(), transport, credentials,
                     server.endpoint(), 1, StepRange.of(0, 2))) {
            server.expectWorkers(StepRange.of(0, 2), 0, 1);
            AtomicBoolean killed = new AtomicBoolean();
            AtomicReference<Thread> zombieThread = new AtomicReference<>();
            Future<?> zombie = pool.submit(() -> {
                zombieThread.set(Thread.currentThread());
                try (ParameterServerUpdateStep update = new ParameterServerUpdateStep(ParameterServerClient.connect(
                        aeron.aeron(), transport, credentials, server.endpoint(), 0, StepRange.of(0, 2)), () -> {
                            if (killed.get()) {
                                throw new IllegalStateException("killed");
                            }
                        });
                     INDArray parameters = Nd4j.zeros(DataType.FLOAT, 1, initial.length)) {
                    update.pullInto(parameters);
                    try {
                        apply(update, 0, zombieGradient, 5, parameters);
                    } catch (ParameterServerException e) {
                        // As WorkerRoundTask does: clear the interrupt so that the client still deregisters.
                        Thread.interrupted();
                        IllegalStateException stopped = assertThrows(IllegalStateException.class,
                                () -> apply(update, 0, zombieGradient, 5, parameters));
                        assertEquals("killed", stopped.getMessage(), "a killed worker refuses to push again");
                        throw e;
                    }
                }
                return null;
            });
            awaitWaitingFor(server, List.of(1));
            long killedAt = System.nanoTime();
            killed.set(true);
            // Spark marks the killed task and interrupts its thread; the push it waits in must give up at once.
            zombieThread.get().interrupt();
            ExecutionException failure = assertThrows(ExecutionException.class, () -> zombie.get(WAIT.toSeconds(),
                    TimeUnit.SECONDS));
            double stopSeconds = (System.nanoTime() - killedAt) / 1e9;
            assertInstanceOf(ParameterServerException.class, failure.getCause());
            System.out.printf("interrupted worker left its push and closed in %.3f s%n", stopSeconds);
            assertTrue(stopSeconds < 5, "the killed worker left its push after " + stopSeconds + " s");
            assertEquals(0, server.version(), "step 0 is still open");

            Future<float[][]> first = pool.submit(() -> replacement(aeron, transport, credentials, server, 0,
                    replacementGradients[0], nextGradients[0]));
            Future<float[][]> second = pool.submit(() -> replacement(aeron, transport, credentials, server, 1,
                    replacementGradients[1], nextGradients[1]));
            float[][] a = first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            float[][] b = second.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            float[][] expected = expected(new float[][][] {replacementGradients, nextGradients});
            for (int s = 0; s < 2; s++) {
                assertArrayEquals(a[s], b[s], "both replacements hold version " + (s + 1));
                assertArrayEquals(expected[s], a[s], 1e-6f, "step " + s + " combines the replacements' gradients only");
            }
            assertEquals(2, server.version(), "each step applied once");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStepTheServerAbortedIsPushedAgainAndAppliedOnce() throws Exception {
        ParamServerConfig transport = TrainingFixtures.config("paramserver.step-timeout=2s",
                "paramserver.push-timeout=30s", "paramserver.abort-policy=restart-step").paramServer();
        float[][] gradients = {gradient(), gradient()};
        RunCredentials credentials = RunCredentials.generate(new SecureRandom());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(transport);
             ParameterServer server = ParameterServer.start(aeron.aeron(), transport, credentials,
                     ServerState.initial(initial, UpdatePlans.of(encoder.parameterLayout())))) {
            server.expectWorkers(StepRange.of(0, 1), 0, 1);
            Future<float[]> early = pool.submit(() -> oneStep(aeron, transport, credentials, server, 0, gradients[0],
                    () -> { }));
            awaitWaitingFor(server, List.of(1));
            // The late worker pushes only once the server gave up on the first attempt of step 0 (and the abort
            // notice reached its client, which then pushes the new attempt).
            Future<float[]> late = pool.submit(() -> oneStep(aeron, transport, credentials, server, 1, gradients[1],
                    () -> awaitAbort(server)));
            float[] fromEarly = early.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            float[] fromLate = late.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertEquals(1, server.status().recentAborts().size(), "the first attempt of step 0 was aborted");
            assertArrayEquals(fromEarly, fromLate);
            assertArrayEquals(expected(new float[][][] {gradients})[0], fromEarly, 1e-6f,
                    "the restarted step combines both gradients once");
            assertEquals(1, server.version());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One worker's single step; asserts how often it had to push. */
    private float[] oneStep(EmbeddedAeron aeron, ParamServerConfig transport, RunCredentials credentials,
                            ParameterServer server, int worker, float[] gradient, Runnable beforePush) {
        try (ParameterServerUpdateStep update = new ParameterServerUpdateStep(ParameterServerClient.connect(
                aeron.aeron(), transport, credentials, server.endpoint(), worker, StepRange.of(0, 1)));
             INDArray parameters = Nd4j.zeros(DataType.FLOAT, 1, initial.length)) {
            update.pullInto(parameters);
            beforePush.run();
            apply(update, 0, gradient, 4, parameters);
            assertEquals(worker == 0 ? 1 : 0, update.repushes(), "worker " + worker + "'s pushes after an abort");
            return parameters.toFloatVector();
        }
    }

    private static void awaitAbort(ParameterServer server) {
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (server.status().recentAborts().isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the server never aborted the step");
                Thread.sleep(20);
            }
            // The abort notice travels to the clients over loopback (well under a millisecond).
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A worker of the retried attempt: continues from the server's version (0), takes steps 0 and 1. */
    private float[][] replacement(EmbeddedAeron aeron, ParamServerConfig transport, RunCredentials credentials,
                                  ParameterServer server, int worker, float[] step0, float[] step1) {
        try (ParameterServerUpdateStep update = new ParameterServerUpdateStep(ParameterServerClient.connect(
                aeron.aeron(), transport, credentials, server.endpoint(), worker, StepRange.of(0, 2)));
             INDArray parameters = Nd4j.zeros(DataType.FLOAT, 1, initial.length)) {
            assertEquals(0, update.pullInto(parameters), "the step in flight was not applied");
            assertArrayEquals(initial, parameters.toFloatVector());
            apply(update, 0, step0, 4, parameters);
            float[] afterFirst = parameters.toFloatVector();
            apply(update, 1, step1, 4, parameters);
            return new float[][] {afterFirst, parameters.toFloatVector()};
        }
    }

    private static void awaitWaitingFor(ParameterServer server, List<Integer> workers) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!server.status().waitingFor().equals(workers)) {
            assertTrue(System.nanoTime() < deadline, "the server waits for " + server.status().waitingFor()
                    + ", expected " + workers);
            Thread.sleep(20);
        }
    }

    private float[] gradient() {
        float[] g = new float[initial.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (random.nextGaussian() * 0.01);
        }
        return g;
    }

    private static void apply(ParameterServerUpdateStep update, long step, float[] gradient, int triplets,
                              INDArray parameters) {
        try (INDArray g = Nd4j.create(gradient, new long[] {1, gradient.length}, 'c')) {
            update.apply(new StepGradient(step, 0, g, triplets, triplets, 0.1, 12, MiningStats.EMPTY), parameters);
        }
    }

    /** The single-process optimiser on the equal-weight mean of each step's gradients. */
    private float[][] expected(float[][][] stepGradients) {
        int n = initial.length;
        float[][] after = new float[stepGradients.length][];
        try (LocalUpdateStep local = new LocalUpdateStep(encoder.parameterLayout());
             INDArray parameters = Nd4j.create(initial.clone(), new long[] {1, n}, 'c')) {
            for (int s = 0; s < stepGradients.length; s++) {
                float[] mean = new float[n];
                for (int i = 0; i < n; i++) {
                    mean[i] = 0.5f * stepGradients[s][0][i];
                    mean[i] += 0.5f * stepGradients[s][1][i];
                }
                try (INDArray g = Nd4j.create(mean, new long[] {1, n}, 'c')) {
                    local.apply(new StepGradient(s, 0, g, 8, 8, 0.1, 12, MiningStats.EMPTY), parameters);
                }
                after[s] = parameters.toFloatVector();
            }
        }
        return after;
    }
}
