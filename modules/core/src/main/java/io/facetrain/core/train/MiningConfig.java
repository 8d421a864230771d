package io.facetrain.core.train;

import io.facetrain.core.mining.Miners;

import java.util.Locale;

/**
 * How triplets are chosen ({@code facetrain.train.mining}) and the triplet margin.
 *
 * @param miner           random, semi-hard, hardest or batch-hard
 * @param margin          α of the triplet loss (also decides easy / semi-hard / hard)
 * @param mode            ONLINE: each step embeds a P×K batch once and mines its triplets from those
 *                        embeddings (triplets index the rows); AHEAD: each round mines triplets from the
 *                        round's embeddings and steps train on them in the [anchors; positives; negatives] layout
 * @param personsPerBatch P, persons per batch (online) or per mining group (ahead)
 * @param imagesPerPerson K, images per person and batch
 * @param singleNegatives rows per batch from single-image persons, which serve only as negatives
 * @param tripletsPerBatch triplets per step in AHEAD mode (3× as many rows)
 */
public record MiningConfig(String miner, double margin, Mode mode, int personsPerBatch, int imagesPerPerson,
                           int singleNegatives, int tripletsPerBatch) {

    /** Where a step's triplets come from. */
    public enum Mode {
        ONLINE, AHEAD;

        static Mode parse(String value) {
            switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
                case "online":
                    return ONLINE;
                case "ahead":
                    return AHEAD;
                default:
                    throw new IllegalArgumentException("train.mining.mode must be \"online\" or \"ahead\", got '"
                            + value + "'");
            }
        }

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MiningConfig {
        if (miner == null || !Miners.NAMES.contains(miner)) {
            throw new IllegalArgumentException("train.mining.miner must be one of " + Miners.NAMES + ", got '" + miner + "'");
        }
        if (!(margin > 0) || margin > 4) {
            throw new IllegalArgumentException("train.mining.margin must be in (0, 4], got " + margin);
        }
        if (mode == null) {
            throw new IllegalArgumentException("train.mining.mode is required");
        }
        if (personsPerBatch < 2 || personsPerBatch > 4096) {
            throw new IllegalArgumentException("train.mining.persons-per-batch must be in [2, 4096], got " + personsPerBatch);
        }
        if (imagesPerPerson < 2 || imagesPerPerson > 256) {
            throw new IllegalArgumentException("train.mining.images-per-person must be in [2, 256], got " + imagesPerPerson);
        }
        if (singleNegatives < 0 || singleNegatives > 4096) {
            throw new IllegalArgumentException("train.mining.single-negatives must be in [0, 4096], got " + singleNegatives);
        }
        if (tripletsPerBatch < 1 || tripletsPerBatch > 4096) {
            throw new IllegalArgumentException("train.mining.triplets-per-batch must be in [1, 4096], got " + tripletsPerBatch);
        }
    }

    static MiningConfig read(SectionReader s) {
        return new MiningConfig(s.getString("miner").trim().toLowerCase(Locale.ROOT), s.getDouble("margin"),
                Mode.parse(s.getString("mode")), s.getInt("persons-per-batch"), s.getInt("images-per-person"),
                s.getInt("single-negatives"), s.getInt("triplets-per-batch"));
    }
}
