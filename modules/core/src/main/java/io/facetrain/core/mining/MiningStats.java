package io.facetrain.core.mining;

import java.io.Serializable;

/**
 * What the miners saw: every valid triplet of a batch (an anchor with a positive of the same person and a
 * negative of another person) classified as easy, semi-hard or hard, the mean distances, and how many
 * triplets were selected for training. Immutable; combine batches with {@link #plus}.
 *
 * @param considered          valid (A, P, N) triplets examined
 * @param easy                of which easy (zero loss)
 * @param semiHard            of which semi-hard
 * @param hard                of which hard
 * @param positivePairs       anchor–positive pairs examined
 * @param positiveDistanceSum sum of d(A,P) over those pairs
 * @param negativePairs       anchor–negative pairs examined
 * @param negativeDistanceSum sum of d(A,N) over those pairs
 * @param selected            triplets the miner kept for training
 */
public record MiningStats(long considered, long easy, long semiHard, long hard, long positivePairs,
                          double positiveDistanceSum, long negativePairs, double negativeDistanceSum,
                          long selected) implements Serializable {

    /** Nothing seen. */
    public static final MiningStats EMPTY = new MiningStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Sum of two batches' statistics. */
    public MiningStats plus(MiningStats o) {
        return new MiningStats(considered + o.considered, easy + o.easy, semiHard + o.semiHard, hard + o.hard,
                positivePairs + o.positivePairs, positiveDistanceSum + o.positiveDistanceSum,
                negativePairs + o.negativePairs, negativeDistanceSum + o.negativeDistanceSum, selected + o.selected);
    }

    public double fractionEasy() {
        return fraction(easy);
    }

    public double fractionSemiHard() {
        return fraction(semiHard);
    }

    public double fractionHard() {
        return fraction(hard);
    }

    /** Fraction of the considered triplets that have a positive loss (semi-hard or hard). */
    public double fractionActive() {
        return fraction(semiHard + hard);
    }

    /** Mean d(A,P) over anchor–positive pairs; NaN when there were none. */
    public double meanPositiveDistance() {
        return positivePairs == 0 ? Double.NaN : positiveDistanceSum / positivePairs;
    }

    /** Mean d(A,N) over anchor–negative pairs; NaN when there were none. */
    public double meanNegativeDistance() {
        return negativePairs == 0 ? Double.NaN : negativeDistanceSum / negativePairs;
    }

    private double fraction(long n) {
        return considered == 0 ? 0.0 : (double) n / considered;
    }

    @Override
    public String toString() {
        return String.format("considered=%d easy=%.3f semi-hard=%.3f hard=%.3f d(A,P)=%.4f d(A,N)=%.4f selected=%d",
                considered, fractionEasy(), fractionSemiHard(), fractionHard(), meanPositiveDistance(),
                meanNegativeDistance(), selected);
    }
}
