package io.facetrain.core.mining;

import java.util.Random;

/**
 * Batch-hard mining (Hermans, Beyer &amp; Leibe 2017) for P persons × K images per batch: one triplet per
 * anchor, with the anchor's farthest positive and closest negative in the batch. Ties go to the lowest row.
 */
public final class BatchHardMiner implements TripletMiner {

    private final double margin;

    public BatchHardMiner(double margin) {
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
            int farthest = -1;
            double farthestDistance = Double.NEGATIVE_INFINITY;
            for (int p : positives) {
                double dap = d.get(a, p);
                if (dap > farthestDistance) {
                    farthestDistance = dap;
                    farthest = p;
                }
            }
            int closest = Miners.closestNegative(d, groups, a);
            if (closest >= 0) {
                out.addUnlessEasy(d, a, farthest, closest);
            }
        }
        return out.result(groups.statistics(d, margin));
    }

    @Override
    public String name() {
        return Miners.BATCH_HARD;
    }
}
