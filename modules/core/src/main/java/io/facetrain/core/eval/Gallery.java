package io.facetrain.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Enrolled embeddings of known identities (one or more per identity) and open-set matching against them.
 * The distance from a probe to an identity is the smallest squared L2 distance to any of its embeddings.
 * Equal distances are ordered by enrolment order of the identity, so answers are deterministic.
 * Immutable once built; safe to share between threads.
 */
public final class Gallery {

    private final int dimension;
    private final float[] rows;
    private final int[] identityOfRow;
    private final List<String> identities;
    private final Map<String, Integer> indexOf;

    private Gallery(int dimension, float[] rows, int[] identityOfRow, List<String> identities,
                    Map<String, Integer> indexOf) {
        this.dimension = dimension;
        this.rows = rows;
        this.identityOfRow = identityOfRow;
        this.identities = List.copyOf(identities);
        this.indexOf = Map.copyOf(indexOf);
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Embedding dimension. */
    public int dimension() {
        return dimension;
    }

    /** Number of enrolled embeddings. */
    public int size() {
        return identityOfRow.length;
    }

    /** Enrolled identities in enrolment order. */
    public List<String> identities() {
        return identities;
    }

    /** True when {@code identity} has at least one enrolled embedding. */
    public boolean contains(String identity) {
        return indexOf.containsKey(identity);
    }

    /** Position of {@code identity} in {@link #identities()}, or -1 when not enrolled. */
    int indexOf(String identity) {
        return indexOf.getOrDefault(identity, -1);
    }

    /** The nearest identity; ties go to the identity enrolled first. */
    public Match nearest(float[] probe) {
        double[] distances = identityDistances(probe);
        int best = 0;
        for (int q = 1; q < distances.length; q++) {
            if (distances[q] < distances[best]) {
                best = q;
            }
        }
        return new Match(identities.get(best), distances[best]);
    }

    /**
     * The {@code k} nearest identities, nearest first (fewer when fewer are enrolled).
     *
     * @throws IllegalArgumentException when {@code k < 1} or the probe has the wrong dimension
     */
    public List<Match> nearest(float[] probe, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        double[] distances = identityDistances(probe);
        Integer[] order = new Integer[distances.length];
        for (int q = 0; q < order.length; q++) {
            order[q] = q;
        }
        // Stable sort: equal distances keep enrolment order.
        Arrays.sort(order, Comparator.comparingDouble(q -> distances[q]));
        List<Match> matches = new ArrayList<>(Math.min(k, order.length));
        for (int r = 0; r < Math.min(k, order.length); r++) {
            matches.add(new Match(identities.get(order[r]), distances[order[r]]));
        }
        return matches;
    }

    /**
     * Open-set recognition: the nearest identity if its distance is {@code <= threshold}, otherwise
     * "not recognised" (see {@link Recognition}).
     *
     * @throws IllegalArgumentException when the threshold is NaN or the probe has the wrong dimension
     */
    public Recognition recognise(float[] probe, double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("recognition threshold is NaN");
        }
        return new Recognition(nearest(probe), threshold);
    }

    /** Distance from the probe to every identity, indexed like {@link #identities()}. */
    double[] identityDistances(float[] probe) {
        Objects.requireNonNull(probe, "probe");
        if (probe.length != dimension) {
            throw new IllegalArgumentException("probe has dimension " + probe.length + ", gallery has " + dimension);
        }
        double[] best = new double[identities.size()];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int r = 0; r < identityOfRow.length; r++) {
            int offset = r * dimension;
            double sum = 0.0;
            for (int i = 0; i < dimension; i++) {
                double diff = (double) probe[i] - rows[offset + i];
                sum += diff * diff;
            }
            int q = identityOfRow[r];
            if (sum < best[q]) {
                best[q] = sum;
            }
        }
        return best;
    }

    /** Collects embeddings; {@link #build()} needs at least one. */
    public static final class Builder {
        private final List<float[]> embeddings = new ArrayList<>();
        private final List<Integer> identityOfRow = new ArrayList<>();
        private final List<String> identities = new ArrayList<>();
        private final Map<String, Integer> indexOf = new HashMap<>();

        private Builder() {
        }

        /**
         * Enrols one embedding of {@code identity} (copied).
         *
         * @throws IllegalArgumentException on a null/empty identity, an empty embedding, a non-finite value
         *                                  or a dimension different from earlier embeddings
         */
        public Builder add(String identity, float[] embedding) {
            if (identity == null || identity.isEmpty()) {
                throw new IllegalArgumentException("gallery identity must be a non-empty string");
            }
            if (embedding == null || embedding.length == 0) {
                throw new IllegalArgumentException("embedding of " + identity + " is empty");
            }
            if (!embeddings.isEmpty() && embedding.length != embeddings.get(0).length) {
                throw new IllegalArgumentException("embedding of " + identity + " has dimension " + embedding.length
                        + ", the gallery has " + embeddings.get(0).length);
            }
            for (float v : embedding) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("embedding of " + identity + " contains " + v);
                }
            }
            Integer index = indexOf.get(identity);
            if (index == null) {
                index = identities.size();
                indexOf.put(identity, index);
                identities.add(identity);
            }
            embeddings.add(embedding.clone());
            identityOfRow.add(index);
            return this;
        }

        /**
         * @throws IllegalArgumentException when nothing was enrolled
         */
        public Gallery build() {
            if (embeddings.isEmpty()) {
                throw new IllegalArgumentException("a gallery needs at least one enrolled embedding");
            }
            int dimension = embeddings.get(0).length;
            float[] rows = new float[embeddings.size() * dimension];
            int[] rowIdentity = new int[embeddings.size()];
            for (int r = 0; r < embeddings.size(); r++) {
                System.arraycopy(embeddings.get(r), 0, rows, r * dimension, dimension);
                rowIdentity[r] = identityOfRow.get(r);
            }
            return new Gallery(dimension, rows, rowIdentity, identities, indexOf);
        }
    }
}
