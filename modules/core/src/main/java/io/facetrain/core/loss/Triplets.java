package io.facetrain.core.loss;

import java.util.Arrays;
import java.util.Objects;

/**
 * A list of triplets (anchor, positive, negative), each given as three row indices into a batch of
 * embeddings. Two layouts share this type:
 * <ul>
 *   <li>{@link #stacked(int)}: triplets mined ahead, laid out as [anchors; positives; negatives], so
 *       triplet {@code i} is rows (i, n+i, 2n+i) of a 3n-row batch: every image is embedded once per triplet;</li>
 *   <li>{@link #of(int[], int[], int[])}: triplets that index the rows of a P×K batch, so every image is
 *       embedded once per step however many triplets use it (about 3× cheaper per triplet).</li>
 * </ul>
 */
public final class Triplets {

    private final int[] anchors;
    private final int[] positives;
    private final int[] negatives;

    private Triplets(int[] anchors, int[] positives, int[] negatives) {
        this.anchors = anchors;
        this.positives = positives;
        this.negatives = negatives;
    }

    /**
     * Triplets indexing the rows of a batch.
     *
     * @throws IllegalArgumentException if the arrays differ in length, an index is negative, or a triplet
     *                                  repeats a row (an anchor must differ from its positive and its negative)
     */
    public static Triplets of(int[] anchors, int[] positives, int[] negatives) {
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(positives, "positives");
        Objects.requireNonNull(negatives, "negatives");
        if (anchors.length != positives.length || anchors.length != negatives.length) {
            throw new IllegalArgumentException("anchors, positives and negatives differ in length: " + anchors.length
                    + ", " + positives.length + ", " + negatives.length);
        }
        for (int i = 0; i < anchors.length; i++) {
            int a = anchors[i];
            int p = positives[i];
            int n = negatives[i];
            if (a < 0 || p < 0 || n < 0) {
                throw new IllegalArgumentException("negative row index in triplet " + i);
            }
            if (a == p || a == n || p == n) {
                throw new IllegalArgumentException("triplet " + i + " repeats a row: (" + a + ", " + p + ", " + n + ")");
            }
        }
        return new Triplets(anchors.clone(), positives.clone(), negatives.clone());
    }

    /** The [anchors; positives; negatives] layout of {@code n} triplets in a batch of 3n rows. */
    public static Triplets stacked(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("triplet count must be >= 0, got " + n);
        }
        int[] a = new int[n];
        int[] p = new int[n];
        int[] neg = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
            p[i] = n + i;
            neg[i] = 2 * n + i;
        }
        return new Triplets(a, p, neg);
    }

    /** No triplets. */
    public static Triplets empty() {
        return new Triplets(new int[0], new int[0], new int[0]);
    }

    public int size() {
        return anchors.length;
    }

    public boolean isEmpty() {
        return anchors.length == 0;
    }

    public int anchor(int i) {
        return anchors[i];
    }

    public int positive(int i) {
        return positives[i];
    }

    public int negative(int i) {
        return negatives[i];
    }

    /** The largest row index used, or -1 when empty. */
    public int maxRow() {
        int max = -1;
        for (int i = 0; i < anchors.length; i++) {
            max = Math.max(max, Math.max(anchors[i], Math.max(positives[i], negatives[i])));
        }
        return max;
    }

    /** Keeps the triplets at the given positions. */
    public Triplets select(int[] positions) {
        int[] a = new int[positions.length];
        int[] p = new int[positions.length];
        int[] n = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            a[i] = anchors[positions[i]];
            p[i] = positives[positions[i]];
            n[i] = negatives[positions[i]];
        }
        return new Triplets(a, p, n);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Triplets)) {
            return false;
        }
        Triplets t = (Triplets) o;
        return Arrays.equals(anchors, t.anchors) && Arrays.equals(positives, t.positives)
                && Arrays.equals(negatives, t.negatives);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(anchors) + Arrays.hashCode(positives)) + Arrays.hashCode(negatives);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Triplets[");
        for (int i = 0; i < Math.min(anchors.length, 8); i++) {
            sb.append(i == 0 ? "" : ", ").append('(').append(anchors[i]).append(',').append(positives[i]).append(',')
                    .append(negatives[i]).append(')');
        }
        return sb.append(anchors.length > 8 ? ", ... " + anchors.length + " in all]" : "]").toString();
    }
}
