package io.facetrain.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The verification ROC curve of a set of pair distances (smaller = same person): one point per distinct
 * distance plus the "accept nothing" point, ordered by increasing threshold, so FAR and TAR never decrease
 * along it. Built in O(n log n).
 *
 * <p>Point {@code k} accepts exactly the pairs whose distance is among the {@code k} smallest distinct
 * values {@code v_1 < ... < v_m}. Its threshold τ_k is chosen inside the gap that separates what it accepts
 * from what it rejects: {@code nextDown(v_1)} for k = 0, the midpoint {@code (v_k + v_{k+1}) / 2} for
 * 0 &lt; k &lt; m, and {@code v_m} for k = m. Any distance {@code d <= τ_k} is accepted as "same".
 */
public final class RocCurve {

    /** Tolerance for comparing a FAR computed from counts with a requested FAR such as 0.01. */
    private static final double FAR_TOLERANCE = 1e-12;

    private final double[] thresholds;
    private final long[] acceptedSame;
    private final long[] acceptedDifferent;
    private final long sameCount;
    private final long differentCount;

    private RocCurve(double[] thresholds, long[] acceptedSame, long[] acceptedDifferent,
                     long sameCount, long differentCount) {
        this.thresholds = thresholds;
        this.acceptedSame = acceptedSame;
        this.acceptedDifferent = acceptedDifferent;
        this.sameCount = sameCount;
        this.differentCount = differentCount;
    }

    /**
     * @param distances pair distances, smaller = more similar; finite
     * @param same      true for same-person pairs; both classes must be present
     * @throws IllegalArgumentException on mismatched lengths, NaN/infinite distances or a missing class
     */
    public static RocCurve of(double[] distances, boolean[] same) {
        PairScores.validate(distances, same);
        int sameCount = PairScores.countSame(same);
        double[] sameD = new double[sameCount];
        double[] diffD = new double[distances.length - sameCount];
        int si = 0;
        int di = 0;
        for (int i = 0; i < distances.length; i++) {
            // + 0.0 turns -0.0 into 0.0 so that Arrays.sort does not split one distance into two values.
            double d = distances[i] + 0.0;
            if (same[i]) {
                sameD[si++] = d;
            } else {
                diffD[di++] = d;
            }
        }
        Arrays.sort(sameD);
        Arrays.sort(diffD);
        return fromSorted(sameD, diffD);
    }

    private static RocCurve fromSorted(double[] sameD, double[] diffD) {
        int maxPoints = sameD.length + diffD.length + 1;
        double[] values = new double[maxPoints - 1];
        long[] accSame = new long[maxPoints];
        long[] accDiff = new long[maxPoints];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < sameD.length || j < diffD.length) {
            double v = Math.min(i < sameD.length ? sameD[i] : Double.POSITIVE_INFINITY,
                    j < diffD.length ? diffD[j] : Double.POSITIVE_INFINITY);
            while (i < sameD.length && sameD[i] == v) {
                i++;
            }
            while (j < diffD.length && diffD[j] == v) {
                j++;
            }
            values[k] = v;
            k++;
            accSame[k] = i;
            accDiff[k] = j;
        }
        int distinct = k;
        double[] thresholds = new double[distinct + 1];
        thresholds[0] = Math.nextDown(values[0]);
        for (int p = 1; p < distinct; p++) {
            thresholds[p] = midpoint(values[p - 1], values[p]);
        }
        thresholds[distinct] = values[distinct - 1];
        return new RocCurve(thresholds, Arrays.copyOf(accSame, distinct + 1), Arrays.copyOf(accDiff, distinct + 1),
                sameD.length, diffD.length);
    }

    /** A value in [lo, hi) halfway between them, or lo when they are adjacent doubles. */
    static double midpoint(double lo, double hi) {
        double mid = lo + (hi - lo) / 2.0;
        return mid < hi ? mid : lo;
    }

    /** Number of points, the number of distinct distances + 1. */
    public int size() {
        return thresholds.length;
    }

    /** Point {@code index}, 0 = accept nothing, {@code size() - 1} = accept everything. */
    public OperatingPoint point(int index) {
        return new OperatingPoint(thresholds[index], far(index), tar(index));
    }

    /** All points in order of increasing threshold. */
    public List<OperatingPoint> points() {
        List<OperatingPoint> points = new ArrayList<>(size());
        for (int p = 0; p < size(); p++) {
            points.add(point(p));
        }
        return points;
    }

    /** Number of same-person pairs. */
    public long sameCount() {
        return sameCount;
    }

    /** Number of different-person pairs. */
    public long differentCount() {
        return differentCount;
    }

    /** Number of same-person pairs accepted at point {@code index}. */
    public long acceptedSame(int index) {
        return acceptedSame[index];
    }

    /** Number of different-person pairs accepted at point {@code index}. */
    public long acceptedDifferent(int index) {
        return acceptedDifferent[index];
    }

    private double far(int p) {
        return (double) acceptedDifferent[p] / differentCount;
    }

    private double tar(int p) {
        return (double) acceptedSame[p] / sameCount;
    }

    /**
     * Area under the curve by the trapezoid rule over all points. It equals the Mann–Whitney probability
     * that a random same-person pair is closer than a random different-person pair, ties counted half.
     */
    public double auc() {
        double area = 0.0;
        for (int p = 1; p < size(); p++) {
            area += (far(p) - far(p - 1)) * (tar(p) + tar(p - 1)) / 2.0;
        }
        return area;
    }

    /**
     * The equal error rate. FAR − FRR grows from −1 (accept nothing) to +1 (accept everything) along the
     * curve; the first segment on which it reaches 0 is interpolated linearly, threshold included.
     */
    public EqualErrorRate equalErrorRate() {
        double previousGap = far(0) - (1.0 - tar(0));
        for (int p = 1; p < size(); p++) {
            double gap = far(p) - (1.0 - tar(p));
            if (gap >= 0.0) {
                // previousGap < 0 here, otherwise the loop would have returned at p - 1.
                double t = -previousGap / (gap - previousGap);
                double rate = far(p - 1) + t * (far(p) - far(p - 1));
                double threshold = thresholds[p - 1] + t * (thresholds[p] - thresholds[p - 1]);
                return new EqualErrorRate(rate, threshold);
            }
            previousGap = gap;
        }
        throw new IllegalStateException("ROC curve does not reach FAR = 1, TAR = 1");
    }

    /**
     * The point with the largest TAR among those whose FAR does not exceed {@code targetFar}; among points
     * with that TAR, the one with the smallest FAR (and threshold). The "accept nothing" point always
     * qualifies, so there is always an answer.
     *
     * @param targetFar requested false accept rate in [0, 1]
     */
    public TarAtFar atFar(double targetFar) {
        if (!(targetFar >= 0.0 && targetFar <= 1.0)) {
            throw new IllegalArgumentException("target FAR must be in [0, 1], got " + targetFar);
        }
        int best = 0;
        for (int p = 1; p < size() && far(p) <= targetFar + FAR_TOLERANCE; p++) {
            if (acceptedSame[p] > acceptedSame[best]) {
                best = p;
            }
        }
        return new TarAtFar(targetFar, point(best));
    }

    /**
     * The threshold maximising accuracy (same pairs accepted + different pairs rejected, over all pairs);
     * among equally accurate points the one with the smallest threshold.
     */
    public AccuracyThreshold bestAccuracy() {
        int best = 0;
        long bestCorrect = -1;
        for (int p = 0; p < size(); p++) {
            long correct = acceptedSame[p] + (differentCount - acceptedDifferent[p]);
            if (correct > bestCorrect) {
                bestCorrect = correct;
                best = p;
            }
        }
        return new AccuracyThreshold(thresholds[best], (double) bestCorrect / (sameCount + differentCount));
    }

    /**
     * At most {@code maxPoints} points for plotting, evenly spaced along the curve by index; the first
     * and last points are always kept.
     *
     * @param maxPoints at least 2
     */
    public List<OperatingPoint> downsample(int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("a downsampled ROC needs at least 2 points, got " + maxPoints);
        }
        if (size() <= maxPoints) {
            return points();
        }
        List<OperatingPoint> kept = new ArrayList<>(maxPoints);
        for (int q = 0; q < maxPoints; q++) {
            int index = (int) Math.round((double) q * (size() - 1) / (maxPoints - 1));
            kept.add(point(index));
        }
        return kept;
    }
}
