package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The server's optimiser with an {@link UpdatePlan}: a uniform plan does what one updater over the
 * whole vector did, bit for bit; each range of a mixed plan does what its updater alone does to that
 * slice; NoOp ranges move by the gradient itself; schedules are read at the step number.
 */
class PlanOptimizerTest {
    private static final int N = 257;
    private static final int STEPS = 5;

    @Test
    void uniformPlanIsBitIdenticalToOneUpdaterOverTheWholeVector() {
        for (IUpdater updater : List.of(new Adam(0.01), new Nesterovs(0.1, 0.9), new Sgd(0.5))) {
            float[][] gradients = gradients(N, 11);
            float[] expected = wholeVectorReference(updater, start(N), gradients);
            float[] actual = start(N);
            UpdatePlan plan = UpdatePlan.uniform(updater, N);
            try (Optimizer optimizer = new Optimizer(plan, actual, Optimizer.freshState(plan))) {
                for (int t = 0; t < STEPS; t++) {
                    optimizer.apply(gradients[t], t, actual);
                }
            }
            assertArrayEquals(expected, actual, updater.toString());
        }
    }

    @Test
    void eachRangeFollowsItsOwnUpdaterAndNoOpRangesMoveByTheGradient() {
        List<UpdateRange> ranges = List.of(new UpdateRange(0, 100, new Adam(new RampSchedule(0.05, 3, 2))),
                new UpdateRange(100, 30, new NoOp()), new UpdateRange(130, 127, new Nesterovs(0.1, 0.9)));
        UpdatePlan plan = UpdatePlan.of(ranges, N);
        float[][] gradients = gradients(N, 12);
        float[] actual = start(N);
        float[] expected = start(N);
        try (Optimizer optimizer = new Optimizer(plan, actual, Optimizer.freshState(plan))) {
            RangeByHand[] references = new RangeByHand[ranges.size()];
            for (int r = 0; r < references.length; r++) {
                references[r] = new RangeByHand(ranges.get(r));
            }
            for (int t = 0; t < STEPS; t++) {
                float[] before = actual.clone();
                optimizer.apply(gradients[t], t, actual);
                for (RangeByHand reference : references) {
                    reference.step(gradients[t], t, expected);
                }
                assertArrayEquals(expected, actual, "step " + t);
                for (int i = 100; i < 130; i++) {
                    assertEquals(before[i] - gradients[t][i], actual[i], 0f, "NoOp element " + i + " at step " + t);
                }
            }
            for (RangeByHand reference : references) {
                reference.close();
            }
        }
    }

    @Test
    void schedulesAreReadAtTheStepNumber() {
        RampSchedule schedule = new RampSchedule(0.4, 4, 3);
        float[][] gradients = gradients(N, 13);
        float[] actual = start(N);
        double[] expected = toDouble(actual);
        UpdatePlan plan = UpdatePlan.uniform(new Sgd(schedule), N);
        try (Optimizer optimizer = new Optimizer(plan, actual, new float[0])) {
            // A resumed server starts in mid-schedule: steps 2..6 span warm-up and decay.
            for (int t = 2; t < 2 + STEPS; t++) {
                double rate = schedule.valueAt(t, 0);
                for (int i = 0; i < N; i++) {
                    expected[i] -= rate * gradients[t - 2][i];
                }
                optimizer.apply(gradients[t - 2], t, actual);
                for (int i = 0; i < N; i++) {
                    assertEquals(expected[i], actual[i], 1e-5, "element " + i + " at step " + t);
                }
            }
        }
    }

    @Test
    void freshStateIsWhatNd4jInitialisesInRangeOrder() {
        AdaGrad adaGrad = new AdaGrad(0.1, 1e-4);
        UpdatePlan plan = UpdatePlan.of(List.of(new UpdateRange(0, 3, adaGrad), new UpdateRange(3, 2, new NoOp()),
                new UpdateRange(5, 4, new Adam(0.01))), 9);
        float[] fresh = Optimizer.freshState(plan);
        assertEquals(3 + 2 * 4, fresh.length);
        float[] adaGradAlone;
        try (INDArray history = Nd4j.create(DataType.FLOAT, 1, 3)) {
            adaGrad.instantiate(history, true);
            adaGradAlone = history.toFloatVector();
        }
        assertTrue(adaGradAlone[0] > 0, "ND4J starts AdaGrad's history above zero");
        float[] expected = new float[fresh.length];
        System.arraycopy(adaGradAlone, 0, expected, 0, 3);
        assertArrayEquals(expected, fresh, "AdaGrad's history as ND4J starts it, then Adam's moments at zero");
    }

    @Test
    void continuesBitIdenticallyFromItsState() {
        UpdatePlan plan = UpdatePlan.of(List.of(new UpdateRange(0, 60, new Adam(new RampSchedule(0.02, 2, 2))),
                new UpdateRange(60, 50, new NoOp()), new UpdateRange(110, 147, new Adam(0.01))), N);
        float[][] gradients = gradients(N, 14);
        float[] straight = start(N);
        float[] resumed = start(N);
        try (Optimizer first = new Optimizer(plan, straight, Optimizer.freshState(plan))) {
            for (int t = 0; t < 2; t++) {
                first.apply(gradients[t], t, straight);
            }
            try (Optimizer second = new Optimizer(plan, straight.clone(), first.stateSnapshot())) {
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
    void refusesAPlanOrStateOfTheWrongSize() {
        UpdatePlan plan = UpdatePlan.of(List.of(new UpdateRange(0, 4, new Adam(0.01)), new UpdateRange(4, 6,
                new NoOp())), 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Optimizer(plan, new float[11], new float[8]));
        assertEquals("UpdatePlan[10 parameters in 2 ranges: {adam=4, noop=6}] cannot update 11 parameters",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Optimizer(plan, new float[10], new float[20]));
        assertEquals("UpdatePlan[10 parameters in 2 ranges: {adam=4, noop=6}] needs 8 floats of state, got 20",
                e.getMessage());
    }

    /** What the server did before plans: one updater instance over the whole [1, n] vector. */
    private static float[] wholeVectorReference(IUpdater updater, float[] start, float[][] gradients) {
        long stateSize = updater.stateSize(start.length);
        try (INDArray parameters = Nd4j.create(start, new long[] {1, start.length}, 'c');
             INDArray gradient = Nd4j.create(DataType.FLOAT, 1, start.length);
             INDArray state = Nd4j.create(DataType.FLOAT, 1, Math.max(1, stateSize))) {
            GradientUpdater<?> instance = updater.instantiate(stateSize == 0 ? null : state, true);
            for (int t = 0; t < STEPS; t++) {
                gradient.data().asNioFloat().put(gradients[t], 0, start.length);
                instance.applyUpdater(gradient, t, 0);
                parameters.subi(gradient);
            }
            return parameters.toFloatVector();
        }
    }

    private static float[] start(int n) {
        float[] values = new float[n];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }

    private static float[][] gradients(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] gradients = new float[STEPS][n];
        for (float[] gradient : gradients) {
            for (int i = 0; i < n; i++) {
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
}
