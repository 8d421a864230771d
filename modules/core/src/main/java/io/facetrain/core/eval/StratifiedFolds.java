package io.facetrain.core.eval;

import java.util.Random;

/**
 * Fold ids for the verification protocol when the pair list does not provide them (LFW View 2 does).
 * Same-person and different-person pairs are shuffled separately with a seeded {@link Random} and dealt
 * round-robin, so every fold gets both classes and fold sizes differ by at most one.
 */
public final class StratifiedFolds {

    private StratifiedFolds() {
    }

    /**
     * @param same  same-person labels of the pairs
     * @param folds number of folds, at least 2
     * @param seed  shuffle seed; the same labels and seed always give the same folds
     * @return the fold id in [0, folds) of every pair
     * @throws IllegalArgumentException when a class has fewer pairs than there are folds
     */
    public static int[] assign(boolean[] same, int folds, long seed) {
        if (same == null) {
            throw new IllegalArgumentException("same-person labels must not be null");
        }
        if (folds < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + folds);
        }
        if (same.length < folds) {
            throw new IllegalArgumentException("need at least " + folds + " pairs for " + folds
                    + " folds, got " + same.length);
        }
        int sameCount = PairScores.countSame(same);
        int differentCount = same.length - sameCount;
        if (sameCount < folds || differentCount < folds) {
            throw new IllegalArgumentException("every one of " + folds + " folds needs a same-person and a "
                    + "different-person pair, got " + sameCount + " same and " + differentCount + " different pairs");
        }
        int[] sameIdx = new int[sameCount];
        int[] diffIdx = new int[differentCount];
        int s = 0;
        int d = 0;
        for (int i = 0; i < same.length; i++) {
            if (same[i]) {
                sameIdx[s++] = i;
            } else {
                diffIdx[d++] = i;
            }
        }
        Random random = new Random(seed);
        shuffle(sameIdx, random);
        shuffle(diffIdx, random);
        int[] fold = new int[same.length];
        for (int p = 0; p < sameCount; p++) {
            fold[sameIdx[p]] = p % folds;
        }
        // Continue the deal where the same pairs stopped, so the totals per fold stay balanced.
        for (int p = 0; p < differentCount; p++) {
            fold[diffIdx[p]] = (sameCount + p) % folds;
        }
        return fold;
    }

    /**
     * Checks fold ids given with a pair list.
     *
     * @return the number of folds, {@code max id + 1}
     * @throws IllegalArgumentException when the length differs from the pair count, an id is negative,
     *                                  fewer than 2 folds are used, or an id in between has no pairs
     */
    public static int validate(int[] folds, int pairCount) {
        if (folds == null) {
            throw new IllegalArgumentException("fold ids must not be null");
        }
        if (folds.length != pairCount) {
            throw new IllegalArgumentException("fold ids differ in length from the pairs: "
                    + folds.length + " fold ids, " + pairCount + " pairs");
        }
        int max = -1;
        for (int i = 0; i < folds.length; i++) {
            if (folds[i] < 0) {
                throw new IllegalArgumentException("fold id of pair " + i + " is negative: " + folds[i]);
            }
            max = Math.max(max, folds[i]);
        }
        int count = max + 1;
        if (count < 2) {
            throw new IllegalArgumentException("need at least 2 folds, fold ids only use " + count);
        }
        if (count > pairCount) {
            throw new IllegalArgumentException("fold ids go up to " + max + " but there are only " + pairCount
                    + " pairs, so some folds are empty");
        }
        int[] sizes = new int[count];
        for (int f : folds) {
            sizes[f]++;
        }
        for (int f = 0; f < count; f++) {
            if (sizes[f] == 0) {
                throw new IllegalArgumentException("fold " + f + " has no pairs (fold ids must be 0.." + max
                        + " without gaps)");
            }
        }
        return count;
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }
}
