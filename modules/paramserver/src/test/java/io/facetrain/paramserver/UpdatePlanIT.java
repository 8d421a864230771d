package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A server with the plan [Adam with a warm-up schedule | NoOp | SGD], two workers of different batch
 * sizes over Aeron IPC: after every step the parameters are what the ranges' ND4J updaters, applied
 * by hand to the weighted mean gradient, give; the NoOp range moves by exactly the combined gradient.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UpdatePlanIT {
    private static final int DIMENSION = 3_000;
    private static final int ADAM_END = 1_200;
    private static final int NOOP_END = 1_500;
    private static final int STEPS = 6;
    private static final int[] BATCHES = {3, 5};
    private static final RampSchedule WARM_UP = new RampSchedule(0.05, 3, 2);

    @Test
    void everyRangeMovesAsItsUpdaterSays() throws Exception {
        UpdatePlan plan = UpdatePlan.of(List.of(new UpdateRange(0, ADAM_END, new Adam(WARM_UP)),
                new UpdateRange(ADAM_END, NOOP_END - ADAM_END, new NoOp()),
                new UpdateRange(NOOP_END, DIMENSION - NOOP_END, new Sgd(0.3))), DIMENSION);
        ParamServerConfig config = TestSettings.config(Transport.IPC, OptimizerSpec.adam(0.01)).conclude();
        LinearRegressionTask task = new LinearRegressionTask(DIMENSION, 17);
        RunCredentials credentials = TestSettings.credentials(901);
        ExecutorService pool = Executors.newFixedThreadPool(BATCHES.length);
        List<RangeByHand> byHand = new ArrayList<>();
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(config);
             ParameterServer server = ParameterServer.start(aeron.aeron(), config, credentials,
                     ServerState.initial(task.initialParameters(), plan))) {
            server.expectWorkers(StepRange.of(0, STEPS), 0, 1);
            for (UpdateRange range : plan.ranges()) {
                byHand.add(new RangeByHand(range));
            }
            float[] trained;
            try (ParameterServerClient first = connect(aeron, config, credentials, server, 0);
                 ParameterServerClient second = connect(aeron, config, credentials, server, 1)) {
                trained = train(pool, List.of(first, second), task, byHand);
            }
            ServerState end = server.snapshot();
            assertEquals(STEPS, end.version());
            assertArrayEquals(trained, end.parameters(), "workers hold the server's parameters");
            assertEquals(plan, end.plan());
            assertEquals(0, server.rejections().total(), "no message dropped: " + server.rejections());
        } finally {
            for (RangeByHand range : byHand) {
                range.close();
            }
            pool.shutdownNow();
        }
    }

    /**
     * Steps 0..STEPS-1 with both workers, each step checked against the updaters applied by hand;
     * returns the final parameters.
     */
    private static float[] train(ExecutorService pool, List<ParameterServerClient> clients, LinearRegressionTask task,
                              List<RangeByHand> byHand) throws Exception {
        float[] parameters = new float[DIMENSION];
        assertEquals(0, clients.get(0).pull(parameters));
        for (int step = 0; step < STEPS; step++) {
            float[][] gradients = new float[BATCHES.length][DIMENSION];
            for (int w = 0; w < BATCHES.length; w++) {
                task.gradient(parameters, step, BATCHES[w], gradients[w], w);
            }
            float[] next = exchange(pool, clients, step, gradients);
            float[] combined = weightedMean(gradients);
            float[] expected = parameters.clone();
            for (RangeByHand range : byHand) {
                range.step(combined, step, expected);
            }
            for (int i = 0; i < DIMENSION; i++) {
                assertEquals(expected[i], next[i], 1e-6f, "element " + i + " after step " + step);
            }
            for (int i = ADAM_END; i < NOOP_END; i++) {
                assertEquals(parameters[i] - combined[i], next[i], 0f, "NoOp element " + i + " after step " + step);
            }
            if (step == 0) {
                assertFirstAdamStepUsesTheWarmUpRate(parameters, combined, next);
            }
            parameters = next;
        }
        return parameters;
    }

    private static ParameterServerClient connect(EmbeddedAeron aeron, ParamServerConfig config,
                                                 RunCredentials credentials, ParameterServer server, int workerId) {
        return ParameterServerClient.connect(aeron.aeron(), config, credentials, server.endpoint(), workerId,
                StepRange.of(0, STEPS));
    }

    /** Both workers push their gradient of {@code step} at once; both get the same next version. */
    private static float[] exchange(ExecutorService pool, List<ParameterServerClient> clients, long step,
                                    float[][] gradients) throws Exception {
        List<Future<float[]>> replies = new ArrayList<>();
        for (int w = 0; w < clients.size(); w++) {
            ParameterServerClient client = clients.get(w);
            float[] gradient = gradients[w];
            double weight = BATCHES[w];
            replies.add(pool.submit(() -> {
                float[] next = new float[DIMENSION];
                assertEquals(step + 1, client.pushAndPull(step, gradient, weight, next));
                return next;
            }));
        }
        float[] first = replies.get(0).get(30, TimeUnit.SECONDS);
        for (Future<float[]> reply : replies) {
            assertArrayEquals(first, reply.get(30, TimeUnit.SECONDS), "every worker receives the same version");
        }
        return first;
    }

    /** {@code Σ wᵢ gᵢ / Σ wᵢ}, computed in float in ascending worker order, as the server combines. */
    private static float[] weightedMean(float[][] gradients) {
        double total = 0;
        for (int batch : BATCHES) {
            total += batch;
        }
        float[] combined = new float[DIMENSION];
        for (int w = 0; w < gradients.length; w++) {
            float share = (float) (BATCHES[w] / total);
            for (int i = 0; i < DIMENSION; i++) {
                combined[i] = w == 0 ? share * gradients[w][i] : combined[i] + share * gradients[w][i];
            }
        }
        return combined;
    }

    /**
     * Adam's first bias-corrected step is {@code rate · √(1−β2)·|g| / (√(1−β2)·|g| + ε)}: the
     * textbook value, independent of ND4J, with the schedule's first value (a third of its peak).
     */
    private static void assertFirstAdamStepUsesTheWarmUpRate(float[] before, float[] combined, float[] after) {
        double rate = WARM_UP.valueAt(0, 0);
        double root = Math.sqrt(1 - Adam.DEFAULT_ADAM_BETA2_VAR_DECAY);
        for (int i = 0; i < ADAM_END; i++) {
            double magnitude = Math.abs(combined[i]);
            double expected = rate * root * magnitude / (root * magnitude + Adam.DEFAULT_ADAM_EPSILON);
            assertEquals(expected, Math.abs(after[i] - before[i]), expected * 1e-4 + 1e-9,
                    "Adam element " + i + " at step 0");
        }
    }
}
