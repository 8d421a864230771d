package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/** Validation, state size, equality and immutability of update plans. */
class UpdatePlanTest {

    @Test
    void contiguousRangesMakeAPlan() {
        UpdatePlan plan = UpdatePlan.of(List.of(new UpdateRange(0, 10, new Adam(new RampSchedule(0.1, 3, 5))),
                new UpdateRange(10, 4, new NoOp()), new UpdateRange(14, 6, new Sgd(0.5))), 20);
        assertEquals(20, plan.parameterCount());
        assertEquals(3, plan.ranges().size());
        assertEquals(2 * 10, plan.stateSize(), "Adam keeps two moments, NoOp and plain SGD nothing");
        assertEquals(14, plan.ranges().get(1).end());
        assertEquals("UpdatePlan[20 parameters in 3 ranges: {adam=10, noop=4, sgd=6}]", plan.toString());
        assertThrows(UnsupportedOperationException.class, () -> plan.ranges().add(new UpdateRange(20, 1, new NoOp())));
    }

    @Test
    void uniformPlanIsOneRangeAndMatchesTheOptimizerSpec() {
        UpdatePlan plan = UpdatePlan.uniform(new Adam(0.01), 257);
        assertTrue(plan.isUniform());
        assertEquals(List.of(new UpdateRange(0, 257, new Adam(0.01))), plan.ranges());
        assertEquals(514, plan.stateSize());
        assertEquals(plan, OptimizerSpec.adam(0.01).plan(257));
        assertEquals(new AdaGrad(0.1).stateSize(5), UpdatePlan.uniform(new AdaGrad(0.1), 5).stateSize());
    }

    @Test
    void gapsAreRefusedNamingTheUncoveredValues() {
        assertMessage("update range 1 [12, 20) leaves [10, 12) without an updater after range 0 [0, 10)",
                new UpdateRange(0, 10, new Sgd(0.1)), new UpdateRange(12, 8, new NoOp()));
        assertMessage("update range 0 [2, 20) leaves [0, 2) without an updater",
                new UpdateRange(2, 18, new Sgd(0.1)));
        assertMessage("update ranges end at 15 but the plan has 20 parameters: [15, 20) has no updater",
                new UpdateRange(0, 15, new Sgd(0.1)));
    }

    @Test
    void overlapsAndDisorderAreRefusedNamingBothRanges() {
        assertMessage("update range 1 [8, 20) starts before the end of range 0 [0, 10): ranges must be in vector "
                + "order without overlaps", new UpdateRange(0, 10, new Sgd(0.1)), new UpdateRange(8, 12, new NoOp()));
        assertMessage("update range 2 [0, 10) starts before the end of range 1 [10, 20): ranges must be in vector "
                + "order without overlaps", new UpdateRange(0, 10, new Sgd(0.1)), new UpdateRange(10, 10, new NoOp()),
                new UpdateRange(0, 10, new Sgd(0.1)));
    }

    @Test
    void rangesPastTheEndAreRefused() {
        assertMessage("update range 1 [10, 25) ends past the 20 parameters of the plan",
                new UpdateRange(0, 10, new Sgd(0.1)), new UpdateRange(10, 15, new NoOp()));
    }

    @Test
    void emptyOrMalformedInputIsRefused() {
        assertMessage("an update plan needs at least one range");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UpdatePlan.of(Arrays.asList(new UpdateRange(0, 10, new Sgd(0.1)), null), 20));
        assertEquals("update range 1 is null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UpdatePlan.uniform(new Sgd(0.1), 0));
        assertEquals("an update plan needs at least one parameter, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new UpdateRange(-1, 10, new Sgd(0.1)));
        assertEquals("an update range needs offset >= 0 and length > 0, got offset -1, length 10", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new UpdateRange(5, 0, new Sgd(0.1)));
        assertEquals("an update range needs offset >= 0 and length > 0, got offset 5, length 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new UpdateRange(5, 3, null));
        assertEquals("update range [5, 8) needs an updater", e.getMessage());
    }

    @Test
    void changingAnUpdaterAfterwardsDoesNotChangeThePlan() {
        Adam given = new Adam(0.01);
        UpdatePlan plan = UpdatePlan.uniform(given, 10);
        UpdatePlan same = UpdatePlan.uniform(new Adam(0.01), 10);
        given.setLearningRate(0.5);
        IUpdater handedOut = plan.ranges().get(0).updater();
        ((Adam) handedOut).setLearningRate(0.7);
        assertEquals(same, plan);
        assertEquals(same.hashCode(), plan.hashCode());
        assertEquals(0.01, ((Adam) plan.ranges().get(0).updater()).getLearningRate());
    }

    @Test
    void plansDifferWhenAnyHyperParameterOrScheduleDiffers() {
        UpdatePlan base = UpdatePlan.uniform(new Adam(new RampSchedule(0.1, 3, 5)), 10);
        assertEquals(base, UpdatePlan.uniform(new Adam(new RampSchedule(0.1, 3, 5)), 10));
        assertNotEquals(base, UpdatePlan.uniform(new Adam(new RampSchedule(0.1, 4, 5)), 10));
        assertNotEquals(base, UpdatePlan.uniform(new Adam(0.1), 10));
        assertNotEquals(base, UpdatePlan.uniform(new Adam(new RampSchedule(0.1, 3, 5)), 11));
        assertNotEquals(base, UpdatePlan.of(List.of(new UpdateRange(0, 5, new Adam(new RampSchedule(0.1, 3, 5))),
                new UpdateRange(5, 5, new Adam(new RampSchedule(0.1, 3, 5)))), 10));
    }

    private static void assertMessage(String expected, UpdateRange... ranges) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UpdatePlan.of(List.of(ranges), 20));
        assertEquals(expected, e.getMessage());
    }
}
