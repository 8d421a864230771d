package io.facetrain.core.mining;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rows of a batch grouped by person label: which rows can be anchors, and each row's positives. */
final class BatchGroups {

    private final int rows;
    private final int[] labels;
    private final int[][] positives;

    private BatchGroups(int[] labels, int[][] positives) {
        this.rows = labels.length;
        this.labels = labels;
        this.positives = positives;
    }

    static BatchGroups of(int[] labels, int rows) {
        if (labels.length != rows) {
            throw new IllegalArgumentException("expected " + rows + " labels, got " + labels.length);
        }
        Map<Integer, List<Integer>> byLabel = new HashMap<>();
        for (int r = 0; r < rows; r++) {
            byLabel.computeIfAbsent(labels[r], k -> new ArrayList<>()).add(r);
        }
        int[][] positives = new int[rows][];
        for (int r = 0; r < rows; r++) {
            List<Integer> same = byLabel.get(labels[r]);
            int[] p = new int[same.size() - 1];
            int i = 0;
            for (int s : same) {
                if (s != r) {
                    p[i++] = s;
                }
            }
            positives[r] = p;
        }
        return new BatchGroups(labels.clone(), positives);
    }

    int rows() {
        return rows;
    }

    int[] positivesOf(int row) {
        return positives[row];
    }

    boolean isNegative(int anchor, int row) {
        return labels[row] != labels[anchor];
    }

    /** Classifies every valid triplet of the batch (selected is left at 0). */
    MiningStats statistics(PairwiseDistances d, double margin) {
        long considered = 0;
        long easy = 0;
        long semiHard = 0;
        long hard = 0;
        long posPairs = 0;
        double posSum = 0;
        long negPairs = 0;
        double negSum = 0;
        for (int a = 0; a < rows; a++) {
            int[] pos = positives[a];
            if (pos.length == 0) {
                continue;
            }
            int negativesOfA = 0;
            for (int n = 0; n < rows; n++) {
                if (labels[n] != labels[a]) {
                    negSum += d.get(a, n);
                    negativesOfA++;
                }
            }
            negPairs += negativesOfA;
            for (int p : pos) {
                double dap = d.get(a, p);
                posSum += dap;
                posPairs++;
                for (int n = 0; n < rows; n++) {
                    if (labels[n] == labels[a]) {
                        continue;
                    }
                    considered++;
                    switch (TripletKind.of(dap, d.get(a, n), margin)) {
                        case EASY:
                            easy++;
                            break;
                        case SEMI_HARD:
                            semiHard++;
                            break;
                        default:
                            hard++;
                    }
                }
            }
        }
        return new MiningStats(considered, easy, semiHard, hard, posPairs, posSum, negPairs, negSum, 0);
    }
}
