package io.facetrain.core.mining;

import java.util.List;
import java.util.Locale;

/** Creates miners by configuration name. */
public final class Miners {

    public static final String RANDOM = "random";
    public static final String SEMI_HARD = "semi-hard";
    public static final String HARDEST = "hardest";
    public static final String BATCH_HARD = "batch-hard";

    /** Every configuration name, in documentation order. */
    public static final List<String> NAMES = List.of(RANDOM, SEMI_HARD, HARDEST, BATCH_HARD);

    private Miners() {
    }

    /**
     * @param name   one of {@link #NAMES}
     * @param margin the triplet loss margin α (decides which triplets are easy or semi-hard)
     */
    public static TripletMiner create(String name, double margin) {
        switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case RANDOM:
                return new RandomMiner(margin);
            case SEMI_HARD:
                return new SemiHardMiner(margin);
            case HARDEST:
                return new HardestNegativeMiner(margin);
            case BATCH_HARD:
                return new BatchHardMiner(margin);
            default:
                throw new IllegalArgumentException("unknown miner '" + name + "'; expected one of " + NAMES);
        }
    }

    static double checkMargin(double margin) {
        if (!(margin > 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("mining margin must be a positive finite number, got " + margin);
        }
        return margin;
    }

    /** The negative row closest to {@code anchor}, or -1 when the batch has none; ties go to the lowest row. */
    static int closestNegative(PairwiseDistances d, BatchGroups groups, int anchor) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int n = 0; n < d.rows(); n++) {
            if (groups.isNegative(anchor, n) && d.get(anchor, n) < bestDistance) {
                bestDistance = d.get(anchor, n);
                best = n;
            }
        }
        return best;
    }
}
