package io.facetrain.core.mining;

import java.util.Random;

/** For every anchor–positive pair, the negative closest to the anchor. Ties go to the lowest row. */
public final class HardestNegativeMiner implements TripletMiner {

    private final double margin;

    public HardestNegativeMiner(double margin) {
        this.margin = Miners.checkMargin(margin);
    }

    @Override
    public MinedTriplets mine(PairwiseDistances d, int[] labels, Random random) {
        BatchGroups groups = BatchGroups.of(labels, d.rows());
        TripletSelection out = new TripletSelection(margin);
        for (int a = 0; a < d.rows(); a++) {
            int[] positives = groups.positivesOf(a);
            if (positives.length == 0) {
                continue;
            }
            int hardest = Miners.closestNegative(d, groups, a);
            if (hardest < 0) {
                continue;
            }
            for (int p : positives) {
                out.addUnlessEasy(d, a, p, hardest);
            }
        }
        return out.result(groups.statistics(d, margin));
    }

    @Override
    public String name() {
        return Miners.HARDEST;
    }
}
