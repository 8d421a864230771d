package io.facetrain.core.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.mining.MinedTriplets;
import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.mining.PairwiseDistances;
import io.facetrain.core.mining.PkBatchSampler;
import io.facetrain.core.mining.TripletMiner;
import io.facetrain.core.nn.Encoder;

import java.util.Arrays;
import java.util.Random;

/**
 * The round-start pass: embeds P×K groups of training images with the current encoder (evaluation mode,
 * no augmentation), mines each group, and records the mining statistics. In "ahead" mode the triplets it
 * finds (as image indices) are what the round's steps train on. Also the driver-side mining of a trainer
 * that cannot mine inside its steps (the parameter-averaging baseline of modules/bench).
 */
public final class RoundMiner {

    private final FaceImageSet images;
    private final TripletMiner miner;
    private final PkBatchSampler groups;
    private final Random random;

    /**
     * @param groups the P×K groups to mine, in order
     * @param seed   seeds the miner's random choices
     */
    public RoundMiner(FaceImageSet images, TripletMiner miner, PkBatchSampler groups, long seed) {
        this.images = images;
        this.miner = miner;
        this.groups = groups;
        this.random = new Random(seed);
    }

    /**
     * Mines groups until {@code wantedTriplets} triplets are found or {@code maxGroups} groups were mined.
     *
     * @return the triplets as image indices, and the statistics of everything examined
     */
    public Result mine(Encoder encoder, int wantedTriplets, int maxGroups) {
        int[] a = new int[1024];
        int[] p = new int[a.length];
        int[] n = new int[a.length];
        int size = 0;
        MiningStats stats = MiningStats.EMPTY;
        long embedded = 0;
        for (int g = 0; g < maxGroups && size < wantedTriplets; g++) {
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
            for (int t = 0; t < mined.triplets().size(); t++) {
                if (size == a.length) {
                    a = Arrays.copyOf(a, 2 * size);
                    p = Arrays.copyOf(p, 2 * size);
                    n = Arrays.copyOf(n, 2 * size);
                }
                a[size] = rows[mined.triplets().anchor(t)];
                p[size] = rows[mined.triplets().positive(t)];
                n[size] = rows[mined.triplets().negative(t)];
                size++;
            }
        }
        return new Result(Arrays.copyOf(a, size), Arrays.copyOf(p, size), Arrays.copyOf(n, size), stats, embedded);
    }

    /** Triplets found (image indices, in mining order) and statistics. */
    public record Result(int[] anchors, int[] positives, int[] negatives, MiningStats stats, long imagesEmbedded) {
        public int size() {
            return anchors.length;
        }

        /** The first {@code count} triplets (all when there are fewer), with the same statistics. */
        public Result first(int count) {
            int n = Math.min(count, size());
            return new Result(Arrays.copyOf(anchors, n), Arrays.copyOf(positives, n), Arrays.copyOf(negatives, n),
                    stats, imagesEmbedded);
        }
    }
}
