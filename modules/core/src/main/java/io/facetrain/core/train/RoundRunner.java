package io.facetrain.core.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.loss.TripletLoss;
import io.facetrain.core.mining.Miners;
import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.mining.PkBatchSampler;
import io.facetrain.core.mining.TripletMiner;
import io.facetrain.core.nn.Encoder;

import java.io.Serializable;
import java.util.Objects;
import java.util.Random;

/**
 * One training round at a time over one set of training images: the round-start mining pass, then
 * synchronous steps, each computing a minibatch gradient and handing it to an {@link UpdateStep}. The
 * samplers, the augmentation stream and the miners' randomness live here and carry over from round to
 * round, all drawn from one seed.
 *
 * <p>{@link Trainer} runs every round of a single-process run through one instance. A distributed worker
 * runs one round on its own partition of the persons, with its own seed, through an update step that
 * exchanges gradients with the other workers; its global step numbering is given by the caller.
 */
public final class RoundRunner implements AutoCloseable {

    /** Groups mined at a round start in "online" mode, for the round's statistics. */
    static final int STATISTICS_GROUPS = 16;

    /** Told about every finished step; may stop the round after it. */
    @FunctionalInterface
    public interface StepListener {

        /** Never stops a round. */
        StepListener NONE = done -> true;

        /** @return false to end the round after this step */
        boolean afterStep(StepDone done);
    }

    /**
     * One finished step.
     *
     * @param step       global step number, from 0
     * @param round      round number, from 0
     * @param meanLoss   mean triplet loss of the minibatch
     * @param active     triplets with a positive loss (in online mode: semi-hard and hard triplets mined)
     * @param examined   triplets examined (in online mode: triplets the miner considered)
     * @param images     rows of the minibatch
     * @param startNanos {@link System#nanoTime()} when the step started building its minibatch
     * @param endNanos   {@link System#nanoTime()} when its update step returned
     */
    public record StepDone(long step, int round, double meanLoss, long active, long examined, int images,
                           long startNanos, long endNanos) {
    }

    /**
     * What one round did (serialisable: distributed workers send it to the driver).
     *
     * @param steps       steps run
     * @param lossSum     sum of the steps' mean losses
     * @param active      triplets with a positive loss, over the steps (see {@link StepDone#active()})
     * @param examined    triplets examined, over the steps
     * @param images      minibatch rows, over the steps
     * @param timings     where the step time went
     * @param roundMining mining statistics of the round-start pass
     * @param stepMining  mining statistics summed over the steps (empty when triplets were mined ahead)
     * @param embedNanos  time of the round-start pass
     */
    public record RoundResult(int steps, double lossSum, long active, long examined, long images, StepTimings timings,
                              MiningStats roundMining, MiningStats stepMining, long embedNanos) implements Serializable {

        /** Mean triplet loss of the round's steps. */
        public double meanLoss() {
            return lossSum / Math.max(1, steps);
        }

        /** Fraction of examined triplets that had a positive loss. */
        public double activeFraction() {
            return examined == 0 ? 0 : (double) active / examined;
        }
    }

    private final TrainingConfig config;
    private final Encoder encoder;
    private final long seed;
    private final TrainingBatches batches;
    private final Random miningRandom;
    private final RoundMiner roundMiner;
    private final TripletGradientComputer computer;

    /**
     * @param encoder the encoder to train; the update step writes its parameters
     * @param train   the training images (persons never used for validation)
     * @param seed    seed of the samplers, augmentation and mining randomness
     */
    public RoundRunner(TrainingConfig config, Encoder encoder, FaceImageSet train, long seed) {
        this.config = Objects.requireNonNull(config, "config");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(train, "train");
        this.seed = seed;
        MiningConfig m = config.mining();
        TripletMiner miner = Miners.create(m.miner(), m.margin());
        int[] labels = train.labels();
        PkBatchSampler stepSampler = new PkBatchSampler(labels, m.personsPerBatch(), m.imagesPerPerson(),
                m.singleNegatives(), seed * 31 + 1);
        this.batches = new TrainingBatches(train, stepSampler, seed * 31 + 2);
        this.miningRandom = new Random(seed * 31 + 3);
        this.roundMiner = new RoundMiner(train, miner, new PkBatchSampler(labels, m.personsPerBatch(),
                m.imagesPerPerson(), m.singleNegatives(), seed * 31 + 4), seed * 31 + 5);
        this.computer = new TripletGradientComputer(encoder, new TripletLoss(m.margin()), miner);
    }

    /**
     * Runs one round of up to {@code steps} steps.
     *
     * @param round     round number, from 0 (the optimiser's epoch)
     * @param firstStep global number of the round's first step (the optimiser's iteration)
     * @param steps     steps to run unless {@code listener} stops the round earlier
     * @param update    turns each step's gradient into the encoder's next parameters
     * @param listener  told after every step
     */
    public RoundResult run(int round, long firstStep, int steps, UpdateStep update, StepListener listener) {
        if (round < 0 || firstStep < 0 || steps < 1) {
            throw new IllegalArgumentException("round and first step must be >= 0 and steps >= 1, got " + round + ", "
                    + firstStep + ", " + steps);
        }
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(listener, "listener");
        MiningConfig m = config.mining();
        boolean ahead = m.mode() == MiningConfig.Mode.AHEAD;
        long roundStart = System.nanoTime();
        int wanted = ahead ? steps * m.tripletsPerBatch() : 0;
        // A group yields at most P·K·(K−1) triplets; allow four times the groups that would need, so that a
        // well-trained encoder (few non-easy triplets) cannot make the round-start pass unbounded.
        int perGroup = Math.max(1, m.personsPerBatch() * m.imagesPerPerson() * (m.imagesPerPerson() - 1));
        int maxGroups = ahead ? STATISTICS_GROUPS + 4 * ((wanted + perGroup - 1) / perGroup) : STATISTICS_GROUPS;
        RoundMiner.Result mined = ahead ? roundMiner.mine(encoder, wanted, maxGroups)
                : roundMiner.mine(encoder, Integer.MAX_VALUE, STATISTICS_GROUPS);
        TripletQueue queue = new TripletQueue(mined, new Random(seed * 31 + 6 + round));
        long embedNanos = System.nanoTime() - roundStart;

        StepTimings timings = StepTimings.ZERO;
        MiningStats stepMining = MiningStats.EMPTY;
        double lossSum = 0;
        long active = 0;
        long examined = 0;
        long images = 0;
        int done = 0;
        for (int s = 0; s < steps; s++) {
            long step = firstStep + s;
            long t0 = System.nanoTime();
            Minibatch batch = ahead && queue.remaining() > 0
                    ? queue.next(batches, m.tripletsPerBatch()) : batches.nextOnline();
            long t1 = System.nanoTime();
            StepGradient gradient = computer.compute(batch, step, round, miningRandom);
            long t2 = System.nanoTime();
            update.apply(gradient, encoder.parameters());
            long t3 = System.nanoTime();
            StepTimings c = computer.lastTimings();
            timings = timings.plus(new StepTimings(t1 - t0, c.forwardNanos(), c.lossNanos(),
                    (t2 - t1) - c.forwardNanos() - c.lossNanos(), t3 - t2));
            stepMining = stepMining.plus(gradient.mining());
            long stepActive = batch.triplets().isPresent() ? gradient.activeCount()
                    : gradient.mining().semiHard() + gradient.mining().hard();
            long stepExamined = batch.triplets().isPresent() ? gradient.tripletCount()
                    : gradient.mining().considered();
            lossSum += gradient.meanLoss();
            active += stepActive;
            examined += stepExamined;
            images += batch.rows();
            done++;
            if (!listener.afterStep(new StepDone(step, round, gradient.meanLoss(), stepActive, stepExamined,
                    batch.rows(), t0, t3))) {
                break;
            }
        }
        return new RoundResult(done, lossSum, active, examined, images, timings, mined.stats(), stepMining,
                embedNanos);
    }

    @Override
    public void close() {
        computer.close();
    }

    /** Triplets mined ahead, served in a shuffled order, [anchors; positives; negatives] per batch. */
    private static final class TripletQueue {
        private final RoundMiner.Result mined;
        private final int[] order;
        private int cursor;

        TripletQueue(RoundMiner.Result mined, Random random) {
            this.mined = mined;
            this.order = new int[mined.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }

        int remaining() {
            return order.length - cursor;
        }

        Minibatch next(TrainingBatches batches, int size) {
            int n = Math.min(size, remaining());
            int[] a = new int[n];
            int[] p = new int[n];
            int[] neg = new int[n];
            for (int i = 0; i < n; i++) {
                int t = order[cursor++];
                a[i] = mined.anchors()[t];
                p[i] = mined.positives()[t];
                neg[i] = mined.negatives()[t];
            }
            return batches.stacked(a, p, neg);
        }
    }
}
