package io.facetrain.core.mining;

import java.util.Random;

/**
 * Chooses training triplets from a batch of embeddings with person labels. A row whose person has no
 * other row in the batch can serve only as a negative. Miners drop the triplets they pick that turn out
 * easy (zero loss), but count them in the statistics.
 */
public interface TripletMiner {

    /**
     * @param distances squared distances between the batch's rows
     * @param labels    person label of each row
     * @param random    source of randomness for miners that sample (seeded by the caller)
     */
    MinedTriplets mine(PairwiseDistances distances, int[] labels, Random random);

    /** The configuration name of this miner. */
    String name();
}
