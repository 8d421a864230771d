package io.facetrain.bench;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.mining.MinedTriplets;
import io.facetrain.core.mining.Miners;
import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.mining.PairwiseDistances;
import io.facetrain.core.mining.PkBatchSampler;
import io.facetrain.core.mining.TripletMiner;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.train.MiningConfig;
import io.facetrain.core.train.SetEmbedder;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * Mining for a trainer that cannot mine inside its steps (DL4J's Spark masters fit fixed DataSets): once per
 * round, on the driver, embed P×K groups of training images with the current encoder (inference mode, no
 * augmentation) and keep what the configured miner selects (semi-hard by default), as facetrain's "ahead"
 * mode does at a round start: same miner, same margin, same P×K groups.
 */
final class DriverTripletMiner {

    private final FaceImageSet images;
    private final TripletMiner miner;
    private final PkBatchSampler groups;
    private final Random random;

    DriverTripletMiner(FaceImageSet images, MiningConfig mining, long seed) {
        this.images = Objects.requireNonNull(images, "images");
        Objects.requireNonNull(mining, "mining");
        this.miner = Miners.create(mining.miner(), mining.margin());
        this.groups = new PkBatchSampler(images.labels(), mining.personsPerBatch(), mining.imagesPerPerson(),
                mining.singleNegatives(), seed);
        this.random = new Random(seed + 1);
    }

    /**
     * Triplets found as image indices, with the statistics of everything examined.
     *
     * @param anchors        anchor image of every triplet
     * @param positives      positive image of every triplet
     * @param negatives      negative image of every triplet
     * @param stats          mining statistics over all groups examined
     * @param imagesEmbedded images embedded to find them
     */
    record Mined(int[] anchors, int[] positives, int[] negatives, MiningStats stats, long imagesEmbedded) {
        int size() {
            return anchors.length;
        }
    }

    /**
     * Mines groups until {@code wanted} triplets are found or {@code maxGroups} groups were examined.
     */
    Mined mine(Encoder encoder, int wanted, int maxGroups) {
        if (wanted < 1 || maxGroups < 1) {
            throw new IllegalArgumentException("wanted triplets and groups must be >= 1, got " + wanted + ", " + maxGroups);
        }
        int[] a = new int[wanted];
        int[] p = new int[wanted];
        int[] n = new int[wanted];
        int size = 0;
        MiningStats stats = MiningStats.EMPTY;
        long embedded = 0;
        for (int g = 0; g < maxGroups && size < wanted; g++) {
            int[] rows = groups.next();
            FaceImageSet group = images.subset(rows);
            float[][] e = SetEmbedder.embed(encoder, group, false);
            embedded += rows.length;
            int dim = e[0].length;
            float[] flat = new float[rows.length * dim];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(e[i], 0, flat, i * dim, dim);
            }
            MinedTriplets mined = miner.mine(PairwiseDistances.of(flat, rows.length, dim), group.labels(), random);
            stats = stats.plus(mined.stats());
            for (int t = 0; t < mined.triplets().size() && size < wanted; t++) {
                a[size] = rows[mined.triplets().anchor(t)];
                p[size] = rows[mined.triplets().positive(t)];
                n[size] = rows[mined.triplets().negative(t)];
                size++;
            }
        }
        return new Mined(Arrays.copyOf(a, size), Arrays.copyOf(p, size), Arrays.copyOf(n, size), stats, embedded);
    }
}
