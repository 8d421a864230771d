package io.facetrain.bench;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.mining.Miners;
import io.facetrain.core.mining.PkBatchSampler;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.train.MiningConfig;
import io.facetrain.core.train.RoundMiner;

import java.util.Objects;

/**
 * Mining for a trainer that cannot mine inside its steps (DL4J's Spark masters fit fixed DataSets): once per
 * round, on the driver, embed P×K groups of training images with the current encoder (inference mode, no
 * augmentation) and keep what the configured miner selects (semi-hard by default): core's {@link RoundMiner},
 * as facetrain's "ahead" mode runs it at a round start, with the same miner, margin and P×K groups.
 */
final class DriverTripletMiner {

    private final RoundMiner miner;

    DriverTripletMiner(FaceImageSet images, MiningConfig mining, long seed) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(mining, "mining");
        this.miner = new RoundMiner(images, Miners.create(mining.miner(), mining.margin()),
                new PkBatchSampler(images.labels(), mining.personsPerBatch(), mining.imagesPerPerson(),
                        mining.singleNegatives(), seed), seed + 1);
    }

    /**
     * Mines groups until {@code wanted} triplets are found or {@code maxGroups} groups were examined; at most
     * {@code wanted} triplets are returned.
     */
    RoundMiner.Result mine(Encoder encoder, int wanted, int maxGroups) {
        if (wanted < 1 || maxGroups < 1) {
            throw new IllegalArgumentException("wanted triplets and groups must be >= 1, got " + wanted + ", " + maxGroups);
        }
        return miner.mine(encoder, wanted, maxGroups).first(wanted);
    }
}
