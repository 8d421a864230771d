package io.facetrain.core.eval;

/**
 * Counts of same-person and different-person pair distances in equal-width bins over [low, high].
 * Bin {@code b} covers {@code [low + b·w, low + (b+1)·w)} with {@code w = (high - low) / bins}; the last
 * bin also holds {@code high}. Distances outside a fixed range are counted in the nearest edge bin and
 * reported by {@link #clampedCount()}.
 */
public final class DistanceHistogram {

    private final double low;
    private final double high;
    private final long[] sameCounts;
    private final long[] differentCounts;
    private final long clampedCount;

    private DistanceHistogram(double low, double high, long[] sameCounts, long[] differentCounts, long clampedCount) {
        this.low = low;
        this.high = high;
        this.sameCounts = sameCounts;
        this.differentCounts = differentCounts;
        this.clampedCount = clampedCount;
    }

    /**
     * Histogram over [min, max] of the distances; when all distances are equal the range is
     * [d, d + 1] so that the bins still have a width.
     *
     * @throws IllegalArgumentException on invalid pairs or {@code bins < 1}
     */
    public static DistanceHistogram overDataRange(double[] distances, boolean[] same, int bins) {
        PairScores.validateShape(distances, same);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double d : distances) {
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        return build(distances, same, bins, min, max > min ? max : min + 1.0);
    }

    /**
     * Histogram over a fixed range, e.g. [0, 4] for squared distances between unit vectors.
     *
     * @throws IllegalArgumentException on invalid pairs, {@code bins < 1} or a range that is not finite
     *                                  with low &lt; high
     */
    public static DistanceHistogram overRange(double[] distances, boolean[] same, int bins, double low, double high) {
        PairScores.validateShape(distances, same);
        if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
            throw new IllegalArgumentException("histogram range must be finite with low < high, got ["
                    + low + ", " + high + "]");
        }
        return build(distances, same, bins, low, high);
    }

    private static DistanceHistogram build(double[] distances, boolean[] same, int bins, double low, double high) {
        if (bins < 1) {
            throw new IllegalArgumentException("histogram needs at least 1 bin, got " + bins);
        }
        long[] sameCounts = new long[bins];
        long[] differentCounts = new long[bins];
        long clamped = 0;
        double width = (high - low) / bins;
        for (int i = 0; i < distances.length; i++) {
            double d = distances[i];
            if (d < low || d > high) {
                clamped++;
            }
            int bin = (int) Math.floor((d - low) / width);
            bin = Math.max(0, Math.min(bins - 1, bin));
            if (same[i]) {
                sameCounts[bin]++;
            } else {
                differentCounts[bin]++;
            }
        }
        return new DistanceHistogram(low, high, sameCounts, differentCounts, clamped);
    }

    /** Lower edge of the first bin. */
    public double low() {
        return low;
    }

    /** Upper edge of the last bin. */
    public double high() {
        return high;
    }

    /** Number of bins. */
    public int bins() {
        return sameCounts.length;
    }

    /** The {@code bins() + 1} bin edges from {@link #low()} to {@link #high()}. */
    public double[] edges() {
        double[] edges = new double[bins() + 1];
        for (int b = 0; b <= bins(); b++) {
            edges[b] = b == bins() ? high : low + (high - low) * b / bins();
        }
        return edges;
    }

    /** Same-person pair counts per bin (a copy). */
    public long[] sameCounts() {
        return sameCounts.clone();
    }

    /** Different-person pair counts per bin (a copy). */
    public long[] differentCounts() {
        return differentCounts.clone();
    }

    /** Number of distances that fell outside [low, high] and were counted in an edge bin. */
    public long clampedCount() {
        return clampedCount;
    }
}
