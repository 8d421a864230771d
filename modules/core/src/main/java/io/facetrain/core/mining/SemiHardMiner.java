package io.facetrain.core.mining;

import java.util.Random;

/**
 * FaceNet's semi-hard negatives: for every anchor–positive pair, the closest negative that is farther from
 * the anchor than the positive (d(A,N) &gt; d(A,P); semi-hard when it is also inside the margin). When every
 * negative is at least as close as the positive, the farthest of them — the least hard — so that a collapsed
 * embedding still gets a gradient without the instability of the hardest negatives. Ties go to the lowest row.
 */
public final class SemiHardMiner implements TripletMiner {

    private final double margin;

    public SemiHardMiner(double margin) {
        this.margin = Miners.checkMargin(margin);
    }

    @Override
    public MinedTriplets mine(PairwiseDistances d, int[] labels, Random random) {
        BatchGroups groups = BatchGroups.of(labels, d.rows());
        TripletSelection out = new TripletSelection(margin);
        for (int a = 0; a < d.rows(); a++) {
            for (int p : groups.positivesOf(a)) {
                double dap = d.get(a, p);
                int outside = -1;
                double outsideDistance = Double.POSITIVE_INFINITY;
                int inside = -1;
                double insideDistance = Double.NEGATIVE_INFINITY;
                for (int n = 0; n < d.rows(); n++) {
                    if (!groups.isNegative(a, n)) {
                        continue;
                    }
                    double dan = d.get(a, n);
                    if (dan > dap) {
                        if (dan < outsideDistance) {
                            outsideDistance = dan;
                            outside = n;
                        }
                    } else if (dan > insideDistance) {
                        insideDistance = dan;
                        inside = n;
                    }
                }
                int chosen = outside >= 0 ? outside : inside;
                if (chosen >= 0) {
                    out.addUnlessEasy(d, a, p, chosen);
                }
            }
        }
        return out.result(groups.statistics(d, margin));
    }

    @Override
    public String name() {
        return Miners.SEMI_HARD;
    }
}
