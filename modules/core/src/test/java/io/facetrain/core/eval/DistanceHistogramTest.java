package io.facetrain.core.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.facetrain.core.eval.RocCurveTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class DistanceHistogramTest {

    /*
     * Data range [0.0, 1.0] in 4 bins of width 0.25: [0, .25) [.25, .5) [.5, .75) [.75, 1].
     * same: 0.0 → bin 0, 0.3 → bin 1, 0.3 → bin 1;  different: 0.5 → bin 2, 0.9 → bin 3, 1.0 → bin 3 (max
     * belongs to the last bin).
     */
    @Test
    void countsPerBinOverTheDataRange() {
        double[] d = {0.0, 0.3, 0.5, 0.9, 1.0, 0.3};
        boolean[] s = {true, true, false, false, false, true};
        DistanceHistogram h = DistanceHistogram.overDataRange(d, s, 4);
        assertEquals(0.0, h.low(), 0.0);
        assertEquals(1.0, h.high(), 0.0);
        assertArrayEquals(new long[] {1, 2, 0, 0}, h.sameCounts());
        assertArrayEquals(new long[] {0, 0, 1, 2}, h.differentCounts());
        assertArrayEquals(new double[] {0.0, 0.25, 0.5, 0.75, 1.0}, h.edges(), 1e-15);
        assertEquals(0, h.clampedCount());
    }

    @Test
    void fixedRangeClampsAndCountsOutliers() {
        // Squared distances of unit vectors may exceed 4 by rounding: counted in the last bin, reported.
        double[] d = {-0.0001, 2.0, 4.0000001};
        boolean[] s = {true, false, false};
        DistanceHistogram h = DistanceHistogram.overRange(d, s, 2, 0.0, 4.0);
        assertArrayEquals(new long[] {1, 0}, h.sameCounts());
        assertArrayEquals(new long[] {0, 2}, h.differentCounts());
        assertEquals(2, h.clampedCount());
    }

    @Test
    void constantDistancesStillGetABinWidth() {
        DistanceHistogram h = DistanceHistogram.overDataRange(new double[] {2, 2}, new boolean[] {true, false}, 3);
        assertEquals(2.0, h.low(), 0.0);
        assertEquals(3.0, h.high(), 0.0);
        assertArrayEquals(new long[] {1, 0, 0}, h.sameCounts());
    }

    @Test
    void badSettingsAreRejected() {
        assertMessage("at least 1 bin", () -> DistanceHistogram.overDataRange(new double[] {1}, new boolean[] {true}, 0));
        assertMessage("low < high", () -> DistanceHistogram.overRange(new double[] {1}, new boolean[] {true}, 2, 4, 0));
    }
}
