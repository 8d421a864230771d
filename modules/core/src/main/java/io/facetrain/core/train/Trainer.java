package io.facetrain.core.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.eval.VerificationResult;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.ParameterSegment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 * Each round runs through a {@link RoundRunner}; this class adds what spans rounds: progress reports,
 * the time budget and validation.
 */
public final class Trainer {

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
        RunConfig run = config.run();
        long wallStart = System.nanoTime();
        Progress progress = new Progress(encoder, run);
        StepTimings allTimings = StepTimings.ZERO;
        List<TrainingListener.RoundReport> rounds = new ArrayList<>();
        List<TrainingListener.CurvePoint> curve = new ArrayList<>();

        try (RoundRunner runner = new RoundRunner(config, encoder, train, config.seed())) {
            for (int round = 0; round < run.rounds() && !progress.budgetHit; round++) {
                progress.roundStart = System.nanoTime();
                RoundRunner.RoundResult r = runner.run(round, progress.step, run.stepsPerRound(), update, progress);
                progress.trainingNanos += System.nanoTime() - progress.roundStart;
                allTimings = allTimings.plus(r.timings());
                TrainingListener.RoundReport report = new TrainingListener.RoundReport(round + 1, r.steps(),
                        r.meanLoss(), r.activeFraction(), r.roundMining(), r.stepMining(),
                        r.images() / Math.max(1e-9, r.timings().totalNanos() / 1e9), r.timings(), r.embedNanos() / 1e9,
                        ResidentMemory.bytes(), progress.trainingNanos / 1e9);
                rounds.add(report);
                listener.onRound(report);
                boolean last = round == run.rounds() - 1 || progress.budgetHit;
                int every = config.validation().everyRounds();
                if (validator != null && every > 0 && ((round + 1) % every == 0) && !last) {
                    VerificationResult v = validator.validate(encoder);
                    TrainingListener.CurvePoint point = new TrainingListener.CurvePoint(round + 1, progress.step,
                            progress.trainingNanos / 1e9, (System.nanoTime() - wallStart) / 1e9, progress.imagesSeen,
                            v.accuracyMean(), v.accuracyStd(), v.auc());
                    curve.add(point);
                    listener.onValidation(point);
                }
            }
        }
        return new TrainingHistory(rounds, curve, progress.step, progress.imagesSeen, progress.trainingNanos / 1e9,
                (System.nanoTime() - wallStart) / 1e9, progress.budgetHit, allTimings);
    }

    private static double eta(long trainedNanos, long step, long totalSteps, long budgetNanos) {
        double perStep = trainedNanos / (double) Math.max(1, step);
        double left = perStep * (totalSteps - step);
        if (budgetNanos > 0) {
            left = Math.min(left, budgetNanos - trainedNanos);
        }
        return Math.max(0, left) / 1e9;
    }

    /** The learning rate of the first trained parameter segment at {@code step} (for progress reports). */
    public static double learningRate(Encoder encoder, long step, int round) {
        for (ParameterSegment s : encoder.parameterLayout().segments()) {
            if (!s.runningStatistic() && s.updater().hasLearningRate()) {
                return s.updater().getLearningRate((int) Math.min(Integer.MAX_VALUE, step), round);
            }
        }
        return Double.NaN;
    }

    /**
     * The run's counters across rounds: steps, images, training time and the time budget; reports progress
     * every {@code log-every-steps} steps and ends the round once the budget has run out.
     */
    private final class Progress implements RoundRunner.StepListener {
        private final Encoder encoder;
        private final RunConfig run;
        private final long budgetNanos;
        long step;
        long imagesSeen;
        long trainingNanos;
        long roundStart;
        boolean budgetHit;
        private Window window = new Window();

        Progress(Encoder encoder, RunConfig run) {
            this.encoder = encoder;
            this.run = run;
            this.budgetNanos = run.timeBudget().toNanos();
        }

        @Override
        public boolean afterStep(RoundRunner.StepDone done) {
            window.add(done.meanLoss(), done.active(), done.examined(), done.images(),
                    done.endNanos() - done.startNanos());
            step++;
            imagesSeen += done.images();
            long trainedSoFar = trainingNanos + (done.endNanos() - roundStart);
            if (budgetNanos > 0 && trainedSoFar >= budgetNanos) {
                budgetHit = true;
            }
            if (step % run.logEverySteps() == 0 || budgetHit) {
                listener.onProgress(window.report(done.round() + 1, run.rounds(), step, run.totalSteps(),
                        learningRate(encoder, step, done.round()), trainedSoFar / 1e9,
                        eta(trainedSoFar, step, run.totalSteps(), budgetNanos)));
                window = new Window();
            }
            return !budgetHit;
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
