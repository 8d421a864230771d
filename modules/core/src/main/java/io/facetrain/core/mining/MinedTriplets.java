package io.facetrain.core.mining;

import io.facetrain.core.loss.Triplets;

import java.util.Objects;

/**
 * The triplets a miner selected from a batch, and the statistics of everything it looked at.
 *
 * @param triplets row indices into the mined batch
 * @param stats    classification of all valid triplets of the batch, with {@code selected = triplets.size()}
 */
public record MinedTriplets(Triplets triplets, MiningStats stats) {
    public MinedTriplets {
        Objects.requireNonNull(triplets, "triplets");
        Objects.requireNonNull(stats, "stats");
    }
}
