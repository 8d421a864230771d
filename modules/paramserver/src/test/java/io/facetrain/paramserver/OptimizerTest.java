package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The server's optimiser step against the textbook formulas, and bit-identical continuation from its state. */
class OptimizerTest {
    private static final int N = 257;
    private static final int STEPS = 4;

    @Test
    void adamFollowsTheBiasCorrectedUpdate() {
        double lr = 0.01;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double eps = 1e-8;
        float[][] gradients = gradients(3);
        double[] theta = toDouble(start());
        double[] m = new double[N];
        double[] v = new double[N];
        float[] actual = start();
        UpdatePlan adam = OptimizerSpec.adam(lr, beta1, beta2, eps).plan(N);
        try (Optimizer optimizer = new Optimizer(adam, actual, new float[2 * N])) {
            for (int t = 0; t < STEPS; t++) {
                double alpha = lr * Math.sqrt(1 - Math.pow(beta2, t + 1)) / (1 - Math.pow(beta1, t + 1));
                for (int i = 0; i < N; i++) {
                    double g = gradients[t][i];
                    m[i] = beta1 * m[i] + (1 - beta1) * g;
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                    theta[i] -= alpha * m[i] / (Math.sqrt(v[i]) + eps);
                }
                optimizer.apply(gradients[t], t, actual);
                assertClose(theta, actual, 1e-5);
            }
        }
    }

    @Test
    void sgdSubtractsTheScaledGradient() {
        float[][] gradients = gradients(4);
        double[] theta = toDouble(start());
        float[] actual = start();
        try (Optimizer optimizer = new Optimizer(OptimizerSpec.sgd(0.5, 0).plan(N), actual, new float[0])) {
            for (int t = 0; t < STEPS; t++) {
                for (int i = 0; i < N; i++) {
                    theta[i] -= 0.5 * gradients[t][i];
                }
                optimizer.apply(gradients[t], t, actual);
                assertClose(theta, actual, 1e-6);
            }
        }
    }

    @Test
    void sgdWithMomentumIsNesterovs() {
        double lr = 0.1;
        double mu = 0.9;
        float[][] gradients = gradients(5);
        double[] theta = toDouble(start());
        double[] velocity = new double[N];
        float[] actual = start();
        try (Optimizer optimizer = new Optimizer(OptimizerSpec.sgd(lr, mu).plan(N), actual, new float[N])) {
            for (int t = 0; t < STEPS; t++) {
                for (int i = 0; i < N; i++) {
                    double previous = velocity[i];
                    velocity[i] = mu * previous - lr * gradients[t][i];
                    theta[i] += -mu * previous + (1 + mu) * velocity[i];
                }
                optimizer.apply(gradients[t], t, actual);
                assertClose(theta, actual, 1e-5);
            }
        }
    }

    @Test
    void continuesBitIdenticallyFromItsState() {
        float[][] gradients = gradients(6);
        UpdatePlan plan = OptimizerSpec.adam(0.01).plan(N);
        float[] straight = start();
        float[] resumed = start();
        try (Optimizer first = new Optimizer(plan, straight, new float[2 * N])) {
            for (int t = 0; t < 2; t++) {
                first.apply(gradients[t], t, straight);
            }
            float[] state = first.stateSnapshot();
            try (Optimizer second = new Optimizer(plan, straight.clone(), state)) {
                for (int t = 2; t < STEPS; t++) {
                    first.apply(gradients[t], t, straight);
                    second.apply(gradients[t], t, resumed);
                }
                assertArrayEquals(straight, resumed);
                assertArrayEquals(first.stateSnapshot(), second.stateSnapshot());
            }
        }
    }

    @Test
    void refusesStateOfTheWrongSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Optimizer(OptimizerSpec.adam(0.01).plan(N), start(), new float[N]));
        assertTrue(e.getMessage().endsWith(" needs 514 floats of state, got 257"), e.getMessage());
    }

    private static float[] start() {
        float[] values = new float[N];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < N; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }

    private static float[][] gradients(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] gradients = new float[STEPS][N];
        for (float[] gradient : gradients) {
            for (int i = 0; i < N; i++) {
                gradient[i] = (float) random.nextDouble(-2, 2);
            }
        }
        return gradients;
    }

    private static double[] toDouble(float[] values) {
        double[] copy = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i];
        }
        return copy;
    }

    private static void assertClose(double[] expected, float[] actual, double tolerance) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, "element " + i);
        }
    }
}
