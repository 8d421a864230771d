package io.facetrain.core.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.facetrain.core.eval.RocCurveTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class AccuracyThresholdTest {

    @Test
    void distanceEqualToThresholdCountsAsSame() {
        double[] d = {0.5, 0.5};
        boolean[] s = {true, false};
        assertEquals(0.5, AccuracyThreshold.accuracy(d, s, 0.5), 0.0);
        assertEquals(0.5, AccuracyThreshold.accuracy(d, s, Math.nextDown(0.5)), 0.0);
        assertEquals(1.0, AccuracyThreshold.accuracy(new double[] {0.5}, new boolean[] {true}, 0.5), 0.0,
                "one class only is allowed when measuring a fixed threshold");
    }

    /*
     * 0.1 S, 0.2 D, 0.3 S, 0.4 D: correct out of 4 when accepting the k smallest: 2,3,2,3,2.
     * The best accuracy 3/4 is reached at k = 1 (τ = 0.15) and k = 3 (τ = 0.35): the tie goes to 0.15.
     */
    @Test
    void tiesGoToTheSmallestThreshold() {
        AccuracyThreshold best = AccuracyThreshold.maximise(new double[] {0.4, 0.3, 0.2, 0.1},
                new boolean[] {false, true, false, true});
        assertEquals(0.15, best.threshold(), 1e-12);
        assertEquals(0.75, best.accuracy(), 1e-12);
    }

    @Test
    void adjacentDoublesStillSeparate() {
        double lo = 1.0;
        double hi = Math.nextUp(1.0);
        AccuracyThreshold best = AccuracyThreshold.maximise(new double[] {lo, hi}, new boolean[] {true, false});
        assertEquals(1.0, best.accuracy(), 0.0, "a threshold exists between two adjacent doubles: lo itself");
        assertEquals(lo, best.threshold(), 0.0);
    }

    @Test
    void rejectsNaN() {
        assertMessage("NaN", () -> AccuracyThreshold.accuracy(new double[] {Double.NaN}, new boolean[] {true}, 1.0));
    }
}
