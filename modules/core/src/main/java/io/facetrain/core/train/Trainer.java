package io.facetrain.core.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.eval.VerificationResult;
import io.facetrain.core.loss.TripletLoss;
import io.facetrain.core.mining.Miners;
import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.mining.PkBatchSampler;
import io.facetrain.core.mining.TripletMiner;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.ParameterSegment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The training loop, in rounds. Each round:
 * <ol>
 *   <li>embeds P×K groups of training images with the current encoder and mines them, recording the
 *       mining statistics (in "ahead" mode, the triplets found are the round's training material);</li>
 *   <li>runs {@code steps-per-round} steps; a step builds a minibatch (augmented), computes its gradient
 *       with {@link TripletGradientComputer} (in "online" mode, triplets are mined from the step's own
 *       embeddings of a P×K batch), and hands the gradient to the pluggable {@link UpdateStep};</li>
 *   <li>optionally validates (time spent validating is not training time).</li>
 * </ol>
 * In "ahead" mode a step whose round has run out of mined triplets trains on a P×K batch mined online.
 * The loop stops after the planned rounds, or after the step during which the time budget ran out. A
 * non-finite loss or gradient stops it with {@link TrainingDivergedException} before any bad update.
 */
public final class Trainer {

    /** Groups mined at a round start in "online" mode, for the round's statistics. */
    static final int STATISTICS_GROUPS = 16;

    /** Validates an encoder during training. */
    @FunctionalInterface
    public interface Validator {
        VerificationResult validate(Encoder encoder);
    }

    private final TrainingConfig config;
    private final TrainingListener listener;

    public Trainer(TrainingConfig config, TrainingListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Trains {@code encoder} in place.
     *
     * @param update    applies each step's gradient (e.g. {@link LocalUpdateStep})
     * @param train     training images (persons never used for validation)
     * @param validator validation during training, or null for none
     */
    public TrainingHistory train(Encoder encoder, UpdateStep update, FaceImageSet train, Validator validator) {
        MiningConfig m = config.mining();
        RunConfig run = config.run();
        long seed = config.seed();
        TripletMiner miner = Miners.create(m.miner(), m.margin());
        int[] labels = train.labels();
        PkBatchSampler stepSampler = new PkBatchSampler(labels, m.personsPerBatch(), m.imagesPerPerson(),
                m.singleNegatives(), seed * 31 + 1);
        TrainingBatches batches = new TrainingBatches(train, stepSampler, seed * 31 + 2);
        Random miningRandom = new Random(seed * 31 + 3);
        RoundMiner roundMiner = new RoundMiner(train, miner, new PkBatchSampler(labels, m.personsPerBatch(),
                m.imagesPerPerson(), m.singleNegatives(), seed * 31 + 4), seed * 31 + 5);
        boolean ahead = m.mode() == MiningConfig.Mode.AHEAD;

        long wallStart = System.nanoTime();
        long trainingNanos = 0;
        long budgetNanos = run.timeBudget().toNanos();
        long step = 0;
        long imagesSeen = 0;
        boolean budgetHit = false;
        StepTimings allTimings = StepTimings.ZERO;
        List<TrainingListener.RoundReport> rounds = new ArrayList<>();
        List<TrainingListener.CurvePoint> curve = new ArrayList<>();
        Window window = new Window();

        try (TripletGradientComputer computer = new TripletGradientComputer(encoder, new TripletLoss(m.margin()), miner)) {
            for (int round = 0; round < run.rounds() && !budgetHit; round++) {
                long roundStart = System.nanoTime();
                int wanted = ahead ? run.stepsPerRound() * m.tripletsPerBatch() : 0;
                // A group yields at most P·K·(K−1) triplets; allow four times the groups that would need, so
                // that a well-trained encoder (few non-easy triplets) cannot make the round-start pass unbounded.
                int perGroup = Math.max(1, m.personsPerBatch() * m.imagesPerPerson() * (m.imagesPerPerson() - 1));
                int maxGroups = ahead ? STATISTICS_GROUPS + 4 * ((wanted + perGroup - 1) / perGroup) : STATISTICS_GROUPS;
                RoundMiner.Result mined = ahead ? roundMiner.mine(encoder, wanted, maxGroups)
                        : roundMiner.mine(encoder, Integer.MAX_VALUE, STATISTICS_GROUPS);
                TripletQueue queue = new TripletQueue(mined, new Random(seed * 31 + 6 + round));
                long embedNanos = System.nanoTime() - roundStart;

                StepTimings roundTimings = StepTimings.ZERO;
                MiningStats stepMining = MiningStats.EMPTY;
                double lossSum = 0;
                long active = 0;
                long examined = 0;
                long roundImages = 0;
                int stepsDone = 0;
                for (int s = 0; s < run.stepsPerRound(); s++) {
                    long t0 = System.nanoTime();
                    Minibatch batch = ahead && queue.remaining() > 0
                            ? queue.next(batches, m.tripletsPerBatch()) : batches.nextOnline();
                    long t1 = System.nanoTime();
                    StepGradient gradient = computer.compute(batch, step, round, miningRandom);
                    long t2 = System.nanoTime();
                    update.apply(gradient, encoder.parameters());
                    long t3 = System.nanoTime();
                    StepTimings c = computer.lastTimings();
                    StepTimings t = new StepTimings(t1 - t0, c.forwardNanos(), c.lossNanos(),
                            (t2 - t1) - c.forwardNanos() - c.lossNanos(), t3 - t2);
                    roundTimings = roundTimings.plus(t);
                    stepMining = stepMining.plus(gradient.mining());
                    long stepActive = batch.triplets().isPresent() ? gradient.activeCount()
                            : gradient.mining().semiHard() + gradient.mining().hard();
                    long stepExamined = batch.triplets().isPresent() ? gradient.tripletCount()
                            : gradient.mining().considered();
                    lossSum += gradient.meanLoss();
                    active += stepActive;
                    examined += stepExamined;
                    roundImages += batch.rows();
                    window.add(gradient.meanLoss(), stepActive, stepExamined, batch.rows(), t3 - t0);
                    step++;
                    stepsDone++;
                    imagesSeen += batch.rows();
                    long trainedSoFar = trainingNanos + (t3 - roundStart);
                    if (budgetNanos > 0 && trainedSoFar >= budgetNanos) {
                        budgetHit = true;
                    }
                    if (step % run.logEverySteps() == 0 || budgetHit) {
                        listener.onProgress(window.report(round + 1, run.rounds(), step, run.totalSteps(),
                                learningRate(encoder, step, round), trainedSoFar / 1e9,
                                eta(trainedSoFar, step, run.totalSteps(), budgetNanos)));
                        window = new Window();
                    }
                    if (budgetHit) {
                        break;
                    }
                }
                trainingNanos += System.nanoTime() - roundStart;
                allTimings = allTimings.plus(roundTimings);
                TrainingListener.RoundReport report = new TrainingListener.RoundReport(round + 1, stepsDone,
                        lossSum / Math.max(1, stepsDone), examined == 0 ? 0 : (double) active / examined,
                        mined.stats(), stepMining, roundImages / Math.max(1e-9, roundTimings.totalNanos() / 1e9),
                        roundTimings, embedNanos / 1e9, ResidentMemory.bytes(), trainingNanos / 1e9);
                rounds.add(report);
                listener.onRound(report);
                boolean last = round == run.rounds() - 1 || budgetHit;
                int every = config.validation().everyRounds();
                if (validator != null && every > 0 && ((round + 1) % every == 0) && !last) {
                    VerificationResult v = validator.validate(encoder);
                    TrainingListener.CurvePoint point = new TrainingListener.CurvePoint(round + 1, step,
                            trainingNanos / 1e9, (System.nanoTime() - wallStart) / 1e9, imagesSeen, v.accuracyMean(),
                            v.accuracyStd(), v.auc());
                    curve.add(point);
                    listener.onValidation(point);
                }
            }
        }
        return new TrainingHistory(rounds, curve, step, imagesSeen, trainingNanos / 1e9,
                (System.nanoTime() - wallStart) / 1e9, budgetHit, allTimings);
    }

    private static double eta(long trainedNanos, long step, long totalSteps, long budgetNanos) {
        double perStep = trainedNanos / (double) Math.max(1, step);
        double left = perStep * (totalSteps - step);
        if (budgetNanos > 0) {
            left = Math.min(left, budgetNanos - trainedNanos);
        }
        return Math.max(0, left) / 1e9;
    }

    static double learningRate(Encoder encoder, long step, int round) {
        for (ParameterSegment s : encoder.parameterLayout().segments()) {
            if (!s.runningStatistic() && s.updater().hasLearningRate()) {
                return s.updater().getLearningRate((int) Math.min(Integer.MAX_VALUE, step), round);
            }
        }
        return Double.NaN;
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

    /** Running figures between two progress reports. */
    private static final class Window {
        private double loss;
        private long active;
        private long examined;
        private long images;
        private long nanos;
        private int steps;

        void add(double stepLoss, long stepActive, long stepExamined, long stepImages, long stepNanos) {
            loss += stepLoss;
            active += stepActive;
            examined += stepExamined;
            images += stepImages;
            nanos += stepNanos;
            steps++;
        }

        TrainingListener.ProgressReport report(int round, int rounds, long step, long totalSteps, double lr,
                                               double elapsed, double eta) {
            return new TrainingListener.ProgressReport(round, rounds, step, totalSteps, loss / Math.max(1, steps),
                    examined == 0 ? 0 : (double) active / examined, images / Math.max(1e-9, nanos / 1e9), lr,
                    elapsed, eta);
        }
    }
}
