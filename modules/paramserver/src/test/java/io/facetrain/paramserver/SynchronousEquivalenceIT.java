package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * W workers with batch B each, synchronously, must end with the same parameters as one worker with
 * the combined batch W·B: over IPC (workers in this JVM) and UDP loopback, for Adam and SGD with
 * momentum.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SynchronousEquivalenceIT {
    private static final int DIMENSION = 10_000;
    private static final int WORKERS = 3;
    private static final int BATCH = 6;
    private static final int STEPS = 8;

    private static EmbeddedAeron aeron;
    private static ExecutorService pool;

    @BeforeAll
    static void startDriver() {
        aeron = EmbeddedAeron.launch(TestSettings.config(Transport.UDP, OptimizerSpec.adam(0.01)).conclude());
        pool = Executors.newFixedThreadPool(WORKERS);
    }

    @AfterAll
    static void stopDriver() {
        pool.shutdownNow();
        aeron.close();
    }

    static Stream<Arguments> transportsAndOptimizers() {
        return Stream.of(
                Arguments.of(Transport.IPC, OptimizerSpec.adam(0.01)),
                Arguments.of(Transport.IPC, OptimizerSpec.sgd(0.5, 0.9)),
                Arguments.of(Transport.UDP, OptimizerSpec.adam(0.01)),
                Arguments.of(Transport.UDP, OptimizerSpec.sgd(0.5, 0.9)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transportsAndOptimizers")
    void workersWithSplitBatchesMatchOneWorkerWithTheCombinedBatch(Transport transport, OptimizerSpec optimizer)
            throws Exception {
        ParamServerConfig config = TestSettings.config(transport, optimizer).conclude();
        LinearRegressionTask task = new LinearRegressionTask(DIMENSION, 7);

        float[] distributed = train(config, task, 101, WORKERS);
        float[] combined = train(config, task, 102, 1);

        float maxDifference = 0;
        float maxChange = 0;
        for (int i = 0; i < DIMENSION; i++) {
            maxDifference = Math.max(maxDifference, Math.abs(distributed[i] - combined[i]));
            maxChange = Math.max(maxChange, Math.abs(combined[i]));
        }
        assertTrue(maxChange > 1e-3, "training must move the parameters, max |θ| = " + maxChange);
        assertTrue(maxDifference <= 1e-5f + 1e-4f * maxChange,
                "distributed and combined-batch runs differ by up to " + maxDifference + " (max |θ| " + maxChange + ")");
    }

    @Test
    void defaultTransportSettingsCarryMultiMegabyteTensors() throws Exception {
        // Default mtu, term length and 1 MB chunks: an 8 MB tensor travels as 8 chunks per message.
        ParamServerConfig config = ParamServerConfig.builder()
                .optimizer(OptimizerSpec.adam(0.01))
                .stepTimeout(Duration.ofSeconds(10))
                .pushTimeout(Duration.ofSeconds(30))
                .conclude();
        LinearRegressionTask task = new LinearRegressionTask(2_000_000, 11);
        float[] distributed = train(config, task, 103, 2, 2, 1, 2);
        float[] combined = train(config, task, 104, 1, 2, 1, 2);
        for (int i = 0; i < distributed.length; i++) {
            assertEquals(combined[i], distributed[i], 1e-5f, "parameter " + i);
        }
    }

    private float[] train(ParamServerConfig config, LinearRegressionTask task, long runId, int workers)
            throws Exception {
        return train(config, task, runId, workers, WORKERS, BATCH, STEPS);
    }

    /**
     * Runs {@code steps} synchronous steps with {@code workers} workers, each on its own minibatch;
     * a single worker instead trains on the union of the minibatches of {@code dataWorkers} workers
     * (the combined batch).
     */
    private float[] train(ParamServerConfig config, LinearRegressionTask task, long runId, int workers,
                          int dataWorkers, int batch, int steps) throws Exception {
        RunCredentials credentials = TestSettings.credentials(runId);
        try (ParameterServer server = ParameterServer.start(aeron.aeron(), config, credentials,
                ServerState.initial(task.initialParameters(), config.optimizer()))) {
            server.expectWorkers(StepRange.of(0, steps), range(workers));
            List<Future<float[]>> results = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int workerId = w;
                int[] dataOf = workers == 1 ? range(dataWorkers) : new int[] {workerId};
                results.add(pool.submit(() -> {
                    try (ParameterServerClient client = ParameterServerClient.connect(aeron.aeron(), config,
                            credentials, server.endpoint(), workerId, StepRange.of(0, steps))) {
                        return new WorkerLoop(task, batch, line -> { }, dataOf).run(client, steps);
                    }
                }));
            }
            List<float[]> finals = new ArrayList<>();
            for (Future<float[]> result : results) {
                finals.add(result.get(90, TimeUnit.SECONDS));
            }
            for (float[] other : finals) {
                assertTrue(Arrays.equals(finals.get(0), other), "every worker ends with the same parameters");
            }
            assertEquals(steps, server.version());
            assertEquals(0, server.rejections().total(), "no message dropped: " + server.rejections());
            float[] fromServer = server.snapshot().parameters();
            assertTrue(Arrays.equals(fromServer, finals.get(0)), "workers hold the server's parameters");
            return fromServer;
        }
    }

    private static int[] range(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
    }
}
