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
import io.facetrain.paramserver.RunCredentials;
import io.facetrain.paramserver.ServerState;
import io.facetrain.paramserver.StepRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two workers, each in its own thread with its own copy of a real encoder's parameters, step through a
 * parameter server over UDP loopback (no Spark). After every step both hold the parameters that the local
 * update step (the single-process optimiser: Adam with the warm-up schedule, NoOp for batch-norm
 * statistics) gives for the triplet-weighted mean of their gradients; a step without triplets counts with
 * {@link ParameterServerUpdateStep#EMPTY_STEP_WEIGHT}; a gradient for a stale step is refused unsent.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ParameterServerUpdateStepIT {

    private static final int STEPS = 4;
    /** Triplet counts of worker 0 and 1 per step; step 2 of worker 1 found no triplet. */
    private static final int[][] TRIPLETS = {{3, 9}, {5, 5}, {7, 0}, {1, 12}};

    @Test
    void workersEndEachStepOnTheLocallyOptimisedWeightedMean() throws Exception {
        TrainingConfig config = TrainingFixtures.config(TrainingFixtures.concat(TrainingFixtures.TINY,
                "train.encoder.batch-norm=true", "train.optimizer.warmup-steps=2")).training();
        ParamServerConfig transport = TrainingFixtures.config().paramServer();
        Encoder encoder = RunEncoders.create(config);
        float[] initial = encoder.parameters().castTo(DataType.FLOAT).toFloatVector();
        int n = initial.length;
        float[][][] gradients = new float[STEPS][2][];
        Random random = new Random(17);
        for (int s = 0; s < STEPS; s++) {
            for (int w = 0; w < 2; w++) {
                gradients[s][w] = new float[n];
                for (int i = 0; i < n; i++) {
                    gradients[s][w][i] = (float) (random.nextGaussian() * 0.01);
                }
            }
        }
        float[][] expected = expectedParameters(encoder, initial, gradients);

        RunCredentials credentials = RunCredentials.generate(new SecureRandom());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(transport);
             ParameterServer server = ParameterServer.start(aeron.aeron(), transport, credentials,
                     ServerState.initial(initial, UpdatePlans.of(encoder.parameterLayout())))) {
            server.expectWorkers(StepRange.of(0, STEPS), 0, 1);
            List<Future<float[][]>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    try (ParameterServerUpdateStep update = new ParameterServerUpdateStep(ParameterServerClient.connect(
                            aeron.aeron(), transport, credentials, server.endpoint(), worker, StepRange.of(0, STEPS)));
                         INDArray parameters = Nd4j.zeros(DataType.FLOAT, 1, n)) {
                        assertEquals(0, update.pullInto(parameters));
                        assertArrayEquals(initial, parameters.toFloatVector());
                        float[][] seen = new float[STEPS][];
                        for (int s = 0; s < STEPS; s++) {
                            try (INDArray g = Nd4j.create(gradients[s][worker], new long[] {1, n}, 'c')) {
                                update.apply(step(s, g, TRIPLETS[s][worker]), parameters);
                            }
                            seen[s] = parameters.toFloatVector();
                        }
                        try (INDArray g = Nd4j.create(gradients[0][worker], new long[] {1, n}, 'c')) {
                            IllegalStateException stale = assertThrows(IllegalStateException.class,
                                    () -> update.apply(step(STEPS - 1, g, 4), parameters));
                            assertTrue(stale.getMessage().contains("version " + STEPS), stale.getMessage());
                        }
                        assertTrue(update.exchangeNanos() > 0);
                        return seen;
                    }
                }));
            }
            float[][] first = workers.get(0).get(60, TimeUnit.SECONDS);
            float[][] second = workers.get(1).get(60, TimeUnit.SECONDS);
            for (int s = 0; s < STEPS; s++) {
                assertArrayEquals(first[s], second[s], "both workers hold the same version " + (s + 1));
                assertArrayEquals(expected[s], first[s], 1e-6f, "parameters after step " + s);
            }
            assertEquals(STEPS, server.version(), "the stale push never reached the server");
            assertTrue(maxDifference(initial, first[STEPS - 1]) > 1e-4, "the steps moved the parameters");
        } finally {
            pool.shutdownNow();
        }
    }

    private static StepGradient step(int s, INDArray gradient, int triplets) {
        return new StepGradient(s, 0, gradient, triplets, triplets, 0.1, 12, MiningStats.EMPTY);
    }

    /** The single-process optimiser on the server's weighted mean (float shares, in worker order). */
    private static float[][] expectedParameters(Encoder encoder, float[] initial, float[][][] gradients) {
        int n = initial.length;
        float[][] after = new float[STEPS][];
        try (LocalUpdateStep local = new LocalUpdateStep(encoder.parameterLayout());
             INDArray parameters = Nd4j.create(initial.clone(), new long[] {1, n}, 'c')) {
            for (int s = 0; s < STEPS; s++) {
                double w0 = ParameterServerUpdateStep.weightOf(step(s, parameters, TRIPLETS[s][0]));
                double w1 = ParameterServerUpdateStep.weightOf(step(s, parameters, TRIPLETS[s][1]));
                float share0 = (float) (w0 / (w0 + w1));
                float share1 = (float) (w1 / (w0 + w1));
                float[] mean = new float[n];
                for (int i = 0; i < n; i++) {
                    mean[i] = share0 * gradients[s][0][i];
                    mean[i] += share1 * gradients[s][1][i];
                }
                try (INDArray g = Nd4j.create(mean, new long[] {1, n}, 'c')) {
                    local.apply(step(s, g, TRIPLETS[s][0] + TRIPLETS[s][1]), parameters);
                }
                after[s] = parameters.toFloatVector();
            }
        }
        return after;
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
