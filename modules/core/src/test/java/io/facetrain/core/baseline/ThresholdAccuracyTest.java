package io.facetrain.core.baseline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ThresholdAccuracyTest {

    @Test
    void separableDistancesReachFullAccuracyAtTheLargestSameDistance() {
        ThresholdAccuracy.Best best = ThresholdAccuracy.best(new double[] {0.1, 0.3, 0.7, 0.9},
                new boolean[] {true, true, false, false});
        assertEquals(1.0, best.accuracy());
        assertEquals(0.3, best.threshold());
    }

    @Test
    void interleavedDistancesPickTheBestCut() {
        // Sorted labels: S D S S D D. Cuts: none 3/6, after 0.1 4/6, after 0.2 3/6, after 0.3 4/6,
        // after 0.4 5/6, after 0.5 4/6, after 0.6 3/6.
        ThresholdAccuracy.Best best = ThresholdAccuracy.best(new double[] {0.5, 0.1, 0.4, 0.2, 0.6, 0.3},
                new boolean[] {false, true, true, false, false, true});
        assertEquals(5.0 / 6, best.accuracy(), 1e-12);
        assertEquals(0.4, best.threshold());
    }

    @Test
    void tiedDistancesCrossTheThresholdTogether() {
        // A same and a different pair at the same distance cannot be split: the best is 2 of 3.
        ThresholdAccuracy.Best best = ThresholdAccuracy.best(new double[] {0.5, 0.5, 0.9},
                new boolean[] {true, false, false});
        assertEquals(2.0 / 3, best.accuracy(), 1e-12);
    }

    @Test
    void reversedDistancesFallBackToCallingEverythingDifferent() {
        ThresholdAccuracy.Best best = ThresholdAccuracy.best(new double[] {0.9, 0.1},
                new boolean[] {true, false});
        assertEquals(0.5, best.accuracy());
        assertEquals(Double.NEGATIVE_INFINITY, best.threshold());
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ThresholdAccuracy.best(new double[] {1}, new boolean[0]));
        assertThrows(IllegalArgumentException.class, () -> ThresholdAccuracy.best(new double[0], new boolean[0]));
        assertThrows(IllegalArgumentException.class,
                () -> ThresholdAccuracy.best(new double[] {Double.NaN}, new boolean[] {true}));
    }
}
