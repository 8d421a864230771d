package io.facetrain.core.mining;

import java.util.Random;

/** For every anchor–positive pair, a negative drawn uniformly from the other persons' rows. */
public final class RandomMiner implements TripletMiner {

    private final double margin;

    public RandomMiner(double margin) {
        this.margin = Miners.checkMargin(margin);
    }

    @Override
    public MinedTriplets mine(PairwiseDistances d, int[] labels, Random random) {
        BatchGroups groups = BatchGroups.of(labels, d.rows());
        TripletSelection out = new TripletSelection(margin);
        int[] candidates = new int[d.rows()];
        for (int a = 0; a < d.rows(); a++) {
            int[] positives = groups.positivesOf(a);
            if (positives.length == 0) {
                continue;
            }
            int count = 0;
            for (int r = 0; r < d.rows(); r++) {
                if (groups.isNegative(a, r)) {
                    candidates[count++] = r;
                }
            }
            if (count == 0) {
                continue;
            }
            for (int p : positives) {
                out.addUnlessEasy(d, a, p, candidates[random.nextInt(count)]);
            }
        }
        return out.result(groups.statistics(d, margin));
    }

    @Override
    public String name() {
        return Miners.RANDOM;
    }
}
