package io.facetrain.core.eval;

import java.util.Objects;
import java.util.Optional;

/**
 * Closed-set ranks of the known probes and the optional open-set result. Immutable; built by
 * {@link IdentificationEvaluator}.
 */
public final class IdentificationResult {

    private final int galleryImages;
    private final int galleryIdentities;
    private final int unknownPersons;
    private final int unknownProbes;
    private final int[] ranks;
    private final OpenSetResult openSet;

    IdentificationResult(int galleryImages, int galleryIdentities, int unknownPersons, int unknownProbes,
                         int[] ranks, OpenSetResult openSet) {
        this.galleryImages = galleryImages;
        this.galleryIdentities = galleryIdentities;
        this.unknownPersons = unknownPersons;
        this.unknownProbes = unknownProbes;
        this.ranks = Objects.requireNonNull(ranks, "ranks").clone();
        this.openSet = openSet;
    }

    /** Number of enrolled embeddings. */
    public int galleryImages() {
        return galleryImages;
    }

    /** Number of enrolled identities. */
    public int galleryIdentities() {
        return galleryIdentities;
    }

    /** Number of known probes (images of enrolled persons not in the gallery). */
    public int knownProbes() {
        return ranks.length;
    }

    /** Number of held-out persons. */
    public int unknownPersons() {
        return unknownPersons;
    }

    /** Number of unknown probes (images of held-out persons). */
    public int unknownProbes() {
        return unknownProbes;
    }

    /**
     * Rank of the true identity for each known probe: 1 + the number of other identities at a distance
     * {@code <=} the true identity's (ties count against the probe).
     */
    public int[] ranks() {
        return ranks.clone();
    }

    /**
     * Fraction of known probes whose true identity is among the {@code k} nearest (a point of the CMC curve).
     *
     * @throws IllegalArgumentException when {@code k < 1}
     */
    public double rankRate(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("rank must be >= 1, got " + k);
        }
        int hits = 0;
        for (int rank : ranks) {
            if (rank <= k) {
                hits++;
            }
        }
        return (double) hits / ranks.length;
    }

    /** Rank-1 identification rate. */
    public double rank1() {
        return rankRate(1);
    }

    /** Rank-5 identification rate. */
    public double rank5() {
        return rankRate(5);
    }

    /** Open-set result; empty when no persons were held out as unknown. */
    public Optional<OpenSetResult> openSet() {
        return Optional.ofNullable(openSet);
    }
}
