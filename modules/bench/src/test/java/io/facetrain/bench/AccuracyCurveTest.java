package io.facetrain.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccuracyCurveTest {

    private static AccuracyCurve curve(double... secondsAndAccuracy) {
        AccuracyCurve.Point[] points = new AccuracyCurve.Point[secondsAndAccuracy.length / 2];
        for (int i = 0; i < points.length; i++) {
            points[i] = new AccuracyCurve.Point(secondsAndAccuracy[2 * i], secondsAndAccuracy[2 * i + 1]);
        }
        return AccuracyCurve.of(List.of(points));
    }

    @Test
    void interpolatesBetweenTheLastPointBelowAndTheFirstAtOrAboveTheTarget() {
        AccuracyCurve c = curve(0, 0.60, 10, 0.70, 20, 0.80, 30, 0.90);
        // 0.75 lies half-way between 0.70 (10 s) and 0.80 (20 s).
        assertEquals(15.0, c.secondsToReach(0.75).getAsDouble(), 1e-12);
        assertEquals(20.0, c.secondsToReach(0.80).getAsDouble(), 1e-12, "a point exactly on target is its own time");
        assertEquals(27.5, c.secondsToReach(0.875).getAsDouble(), 1e-12);
    }

    @Test
    void aTargetAtOrBelowTheFirstPointIsReachedAtItsTime() {
        AccuracyCurve c = curve(4, 0.62, 10, 0.70);
        assertEquals(4.0, c.secondsToReach(0.55).getAsDouble(), 1e-12);
        assertEquals(4.0, c.secondsToReach(0.62).getAsDouble(), 1e-12);
    }

    @Test
    void onlyTheFirstCrossingCountsWhenTheCurveDipsAfterwards() {
        AccuracyCurve c = curve(0, 0.5, 10, 0.9, 20, 0.7, 30, 0.95);
        // First crossing of 0.8 is between 0 s (0.5) and 10 s (0.9): 0.75 of the way.
        assertEquals(7.5, c.secondsToReach(0.8).getAsDouble(), 1e-12);
        assertEquals(0.95, c.best(), 0);
        assertEquals(0.95, c.last(), 0);
    }

    @Test
    void aTargetNeverReachedGivesNoTime() {
        AccuracyCurve c = curve(0, 0.5, 10, 0.7);
        assertEquals(OptionalDouble.empty(), c.secondsToReach(0.71));
    }

    @Test
    void theCommonTargetIsTheLowestBestAccuracyRoundedDownToTheGrid() {
        AccuracyCurve fast = curve(0, 0.6, 10, 0.93);
        AccuracyCurve slow = curve(0, 0.6, 10, 0.887, 20, 0.884);
        double target = AccuracyCurve.commonTarget(List.of(fast, slow), 0.005);
        assertEquals(0.885, target, 1e-12);
        assertTrue(fast.secondsToReach(target).isPresent() && slow.secondsToReach(target).isPresent(),
                "every curve reaches the common target");
        // A best accuracy that is exactly on the grid stays there (no floating-point step down).
        assertEquals(0.9, AccuracyCurve.commonTarget(List.of(curve(0, 0.9)), 0.005), 1e-12);
    }

    @Test
    void theUntrainedStartingPointDoesNotCountTowardsTheCommonTarget() {
        // The second trainer got worse than its untrained start: its trained best is 0.74, not 0.76.
        AccuracyCurve improving = curve(0, 0.76, 10, 0.80);
        AccuracyCurve worsening = curve(0, 0.76, 10, 0.74, 20, 0.745);
        assertEquals(0.745, worsening.bestAfterFirst(), 0);
        assertEquals(0.76, worsening.best(), 0);
        assertEquals(0.76, worsening.first(), 0);
        assertEquals(0.745, AccuracyCurve.commonTarget(List.of(improving, worsening), 0.005), 1e-12);
    }

    @Test
    void refusesCurvesThatGoBackInTimeOrHoldNoPointAndBadValues() {
        assertThrows(IllegalArgumentException.class, () -> curve(10, 0.6, 5, 0.7));
        assertThrows(IllegalArgumentException.class, () -> AccuracyCurve.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new AccuracyCurve.Point(-1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new AccuracyCurve.Point(1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new AccuracyCurve.Point(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> AccuracyCurve.commonTarget(List.of(), 0.005));
        assertThrows(IllegalArgumentException.class, () -> AccuracyCurve.commonTarget(List.of(curve(0, 0.5)), 0));
    }
}
