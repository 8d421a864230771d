package io.facetrain.core.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class RocCurveTest {

    private static final double EPS = 1e-12;

    /*
     * Worked example A, six pairs, no ties (S = same, D = different), sorted by distance:
     *   0.1 S, 0.2 D, 0.3 S, 0.4 S, 0.5 D, 0.6 D          nSame = 3, nDiff = 3
     * ROC points (k = number of distinct distances accepted):
     *   k  τ              FAR  TAR   FAR-FRR
     *   0  nextDown(0.1)  0    0     -1
     *   1  0.15           0    1/3   -2/3
     *   2  0.25           1/3  1/3   -1/3
     *   3  0.35           1/3  2/3    0      <- EER = 1/3 at τ = 0.35
     *   4  0.45           1/3  1      1/3
     *   5  0.55           2/3  1
     *   6  0.6            1    1
     * AUC (trapezoids with a FAR step): 1/3·1/3 (k1→k2) + 1/3·1 (k4→k5) + 1/3·1 (k5→k6) = 7/9.
     * Mann–Whitney: same 0.1 is below 3 different, 0.3 below 2, 0.4 below 2 → 7 of 9 → 7/9.
     * Accuracy (correct out of 6) per point: 3,4,3,4,5,4,3 → best k = 4, τ = 0.45, accuracy 5/6.
     */
    private static final double[] A_DIST = {0.3, 0.6, 0.1, 0.5, 0.4, 0.2};
    private static final boolean[] A_SAME = {true, false, true, false, true, false};

    @Test
    void workedExampleWithoutTies() {
        RocCurve roc = RocCurve.of(A_DIST, A_SAME);
        assertEquals(7, roc.size());
        double third = 1.0 / 3.0;
        double[][] expected = {
                {Math.nextDown(0.1), 0, 0}, {0.15, 0, third}, {0.25, third, third}, {0.35, third, 2 * third},
                {0.45, third, 1}, {0.55, 2 * third, 1}, {0.6, 1, 1}};
        for (int k = 0; k < expected.length; k++) {
            OperatingPoint p = roc.point(k);
            assertEquals(expected[k][0], p.threshold(), EPS, "threshold of point " + k);
            assertEquals(expected[k][1], p.far(), EPS, "FAR of point " + k);
            assertEquals(expected[k][2], p.tar(), EPS, "TAR of point " + k);
        }
        assertEquals(7.0 / 9.0, roc.auc(), EPS);
        assertEquals(third, roc.equalErrorRate().rate(), EPS);
        assertEquals(0.35, roc.equalErrorRate().threshold(), EPS);
        assertEquals(0.45, roc.bestAccuracy().threshold(), EPS);
        assertEquals(5.0 / 6.0, roc.bestAccuracy().accuracy(), EPS);
    }

    @Test
    void tarAtFarOnWorkedExample() {
        RocCurve roc = RocCurve.of(A_DIST, A_SAME);
        // FAR 0: points 0 and 1 qualify; point 1 has TAR 1/3.
        TarAtFar zero = roc.atFar(0.0);
        assertEquals(1.0 / 3.0, zero.tar(), EPS);
        assertEquals(0.15, zero.threshold(), EPS);
        // 0.3 < 1/3: the same as FAR 0.
        assertEquals(0.15, roc.atFar(0.3).threshold(), EPS);
        // FAR exactly 1/3 qualifies points 2..4; TAR 1 first reached at point 4.
        TarAtFar third = roc.atFar(1.0 / 3.0);
        assertEquals(1.0, third.tar(), EPS);
        assertEquals(0.45, third.threshold(), EPS);
        assertEquals(1.0 / 3.0, third.point().far(), EPS);
        // FAR 1: TAR 1 is first reached at point 4, not at the accept-everything point.
        assertEquals(0.45, roc.atFar(1.0).threshold(), EPS);
    }

    /*
     * Worked example B, with a tie across classes: 0.2 S, 0.2 D, 0.5 S, 0.7 D.
     *   k  τ     FAR  TAR   FAR-FRR
     *   0  ~0.2  0    0     -1
     *   1  0.35  1/2  1/2    0   <- EER = 1/2, reached at the end of segment 0→1, τ = 0.35
     *   2  0.6   1/2  1
     *   3  0.7   1    1
     * AUC: 1/2·(0 + 1/2)/2 + 0 + 1/2·1 = 1/8 + 1/2 = 5/8.
     * Mann–Whitney: (0.2S,0.2D) tie = 1/2, (0.2S,0.7D) = 1, (0.5S,0.2D) = 0, (0.5S,0.7D) = 1 → 2.5/4 = 5/8.
     */
    @Test
    void workedExampleWithTieAcrossClasses() {
        RocCurve roc = RocCurve.of(new double[] {0.5, 0.2, 0.7, 0.2}, new boolean[] {true, false, false, true});
        assertEquals(4, roc.size());
        assertEquals(0.5, roc.point(1).far(), EPS);
        assertEquals(0.5, roc.point(1).tar(), EPS);
        assertEquals(0.35, roc.point(1).threshold(), EPS);
        assertEquals(5.0 / 8.0, roc.auc(), EPS);
        assertEquals(0.5, roc.equalErrorRate().rate(), EPS);
        assertEquals(0.35, roc.equalErrorRate().threshold(), EPS);
    }

    /*
     * Interpolated EER: 0.1 S, 0.2 D, 0.3 S, 0.4 D, 0.5 D, 0.6 S, 0.7 D, 0.8 S  (4 S, 4 D).
     * FAR-FRR along the points: -1, -3/4, -1/2, -1/4, 0 ... Point 4 (accept 0.1..0.4) has FAR = 2/4,
     * TAR = 2/4: FAR-FRR = 0 exactly → EER = 1/2 at τ = 0.45. Then drop 0.8 S to get a crossing
     * strictly inside a segment: 0.1 S, 0.2 D, 0.3 S, 0.4 D, 0.5 D, 0.6 S, 0.7 D (3 S, 4 D):
     *   k=3: FAR 1/4, TAR 2/3, gap 1/4 - 1/3 = -1/12;  k=4: FAR 2/4, TAR 2/3, gap 1/2 - 1/3 = 1/6.
     *   t = (1/12) / (1/12 + 1/6) = 1/3 → EER = 1/4 + 1/3·1/4 = 1/3, FRR there = 1/3 as well;
     *   τ = 0.35 + 1/3·(0.45 - 0.35) = 0.38333...
     */
    @Test
    void equalErrorRateIsInterpolatedInsideASegment() {
        double[] d = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7};
        boolean[] s = {true, false, true, false, false, true, false};
        EqualErrorRate eer = RocCurve.of(d, s).equalErrorRate();
        assertEquals(1.0 / 3.0, eer.rate(), EPS);
        assertEquals(0.35 + 0.1 / 3.0, eer.threshold(), 1e-9);

        double[] d8 = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
        boolean[] s8 = {true, false, true, false, false, true, false, true};
        EqualErrorRate exact = RocCurve.of(d8, s8).equalErrorRate();
        assertEquals(0.5, exact.rate(), EPS);
        assertEquals(0.45, exact.threshold(), EPS);
    }

    @Test
    void perfectSeparationGivesAucOneAndEerZero() {
        double[] d = {0.1, 0.2, 0.3, 1.5, 1.7, 2.0};
        boolean[] s = {true, true, true, false, false, false};
        RocCurve roc = RocCurve.of(d, s);
        assertEquals(1.0, roc.auc(), EPS);
        assertEquals(0.0, roc.equalErrorRate().rate(), EPS);
        assertEquals(1.0, roc.atFar(0.0).tar(), EPS);
        assertEquals(0.9, roc.atFar(0.0).threshold(), EPS, "midpoint of the gap 0.3 .. 1.5");
        assertEquals(1.0, roc.bestAccuracy().accuracy(), EPS);
    }

    @Test
    void inverseSeparationGivesAucZeroAndEerOne() {
        double[] d = {2.0, 1.9, 0.1, 0.2};
        boolean[] s = {true, true, false, false};
        RocCurve roc = RocCurve.of(d, s);
        assertEquals(0.0, roc.auc(), EPS);
        assertEquals(1.0, roc.equalErrorRate().rate(), EPS);
        assertEquals(0.0, roc.atFar(0.4).tar(), EPS);
    }

    @Test
    void aucEqualsMannWhitneyProbabilityWithTiesCountedHalf() {
        Random random = new Random(7);
        int n = 600;
        double[] d = new double[n];
        boolean[] s = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = random.nextBoolean();
            // Rounded to one decimal so that many distances tie, within and across classes.
            d[i] = Math.round((random.nextGaussian() + (s[i] ? 0.0 : 0.8)) * 10) / 10.0;
        }
        double wins = 0;
        long comparisons = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (s[i] && !s[j]) {
                    comparisons++;
                    wins += d[i] < d[j] ? 1.0 : d[i] == d[j] ? 0.5 : 0.0;
                }
            }
        }
        assertEquals(wins / comparisons, RocCurve.of(d, s).auc(), 1e-12);
    }

    @Test
    void randomDistancesGiveAucNearOneHalf() {
        // Under no separation the AUC's standard deviation is sqrt((n1 + n2 + 1) / (12 n1 n2)) ≈ 0.0029
        // for n1 = n2 = 20000; 0.015 is about five of them.
        Random random = new Random(12345);
        int n = 40000;
        double[] d = new double[n];
        boolean[] s = new boolean[n];
        for (int i = 0; i < n; i++) {
            d[i] = random.nextDouble() * 4.0;
            s[i] = i % 2 == 0;
        }
        RocCurve roc = RocCurve.of(d, s);
        assertEquals(0.5, roc.auc(), 0.015);
        assertEquals(0.5, roc.equalErrorRate().rate(), 0.015);
    }

    @Test
    void farTargetMatchesACountExactly() {
        // 100 different pairs; exactly one of them (0.05) is closer than any same pair.
        double[] d = new double[110];
        boolean[] s = new boolean[110];
        d[0] = 0.05;
        for (int i = 1; i < 100; i++) {
            d[i] = 1.0 + i * 0.01;
        }
        for (int i = 100; i < 110; i++) {
            d[i] = 0.1 + (i - 100) * 0.01;
            s[i] = true;
        }
        RocCurve roc = RocCurve.of(d, s);
        // One false accept in 100 is FAR = 0.01 exactly: it must qualify for the 0.01 target.
        TarAtFar at = roc.atFar(0.01);
        assertEquals(1.0, at.tar(), EPS);
        assertEquals(0.01, at.point().far(), EPS);
        // Below 0.01, the closest pair (a different one) must be rejected: nothing is accepted.
        TarAtFar strict = roc.atFar(0.001);
        assertEquals(0.0, strict.tar(), EPS);
        assertEquals(0.0, strict.point().far(), EPS);
        assertTrue(strict.threshold() < 0.05, "the accept-nothing threshold is below every distance");
    }

    @Test
    void invalidFarTargetIsRejected() {
        RocCurve roc = RocCurve.of(A_DIST, A_SAME);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> roc.atFar(1.5));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> roc.atFar(Double.NaN));
    }

    @Test
    void downsampleKeepsEndsAndRespectsTheCap() {
        Random random = new Random(3);
        double[] d = new double[1000];
        boolean[] s = new boolean[1000];
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextDouble();
            s[i] = i % 3 == 0;
        }
        RocCurve roc = RocCurve.of(d, s);
        List<OperatingPoint> points = roc.downsample(200);
        assertEquals(200, points.size());
        assertEquals(roc.point(0), points.get(0));
        assertEquals(roc.point(roc.size() - 1), points.get(199));
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i).threshold() > points.get(i - 1).threshold(), "strictly increasing thresholds");
        }
        assertEquals(roc.size(), roc.downsample(5000).size());
    }

    @Test
    void negativeZeroAndZeroAreOneDistance() {
        RocCurve roc = RocCurve.of(new double[] {-0.0, 0.0, 1.0}, new boolean[] {true, false, false});
        assertEquals(3, roc.size(), "accept nothing, accept {0}, accept all");
        assertEquals(0.5, roc.point(1).far(), EPS);
    }

    @Test
    void invalidInputsAreRejectedWithClearMessages() {
        assertMessage("differ in length", () -> RocCurve.of(new double[] {1, 2}, new boolean[] {true}));
        assertMessage("pair 1 is NaN", () -> RocCurve.of(new double[] {1, Double.NaN}, new boolean[] {true, false}));
        assertMessage("infinite", () -> RocCurve.of(new double[] {1, Double.POSITIVE_INFINITY}, new boolean[] {true, false}));
        assertMessage("no different-person pairs", () -> RocCurve.of(new double[] {1, 2}, new boolean[] {true, true}));
        assertMessage("no same-person pairs", () -> RocCurve.of(new double[] {1, 2}, new boolean[] {false, false}));
        assertMessage("no pairs", () -> RocCurve.of(new double[0], new boolean[0]));
        assertMessage("must not be null", () -> RocCurve.of(null, new boolean[0]));
    }

    static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "expected \"" + fragment + "\" in: " + e.getMessage());
    }
}
