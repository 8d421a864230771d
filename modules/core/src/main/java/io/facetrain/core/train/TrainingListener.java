package io.facetrain.core.train;

/** Receives a training run's progress. Called on the training thread; implementations must be quick. */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Every {@code log-every-steps} steps. */
    default void onProgress(ProgressReport report) {
    }

    /** At the end of every round. */
    default void onRound(RoundReport report) {
    }

    /** After every validation during training. */
    default void onValidation(CurvePoint point) {
    }

    /**
     * Progress over the last few steps.
     *
     * @param round           current round, from 1
     * @param rounds          planned rounds
     * @param step            steps done so far in the run, from 1
     * @param totalSteps      planned steps of the run
     * @param meanLoss        mean triplet loss over the steps since the last report
     * @param activeFraction  fraction of the triplets examined that had a positive loss, over those steps
     * @param imagesPerSecond images embedded for training per second of step time, over those steps
     * @param learningRate    the learning rate at this step
     * @param elapsedSeconds  training time so far (validation excluded)
     * @param etaSeconds      estimated training time left (capped by the time budget)
     */
    record ProgressReport(int round, int rounds, long step, long totalSteps, double meanLoss, double activeFraction,
                          double imagesPerSecond, double learningRate, double elapsedSeconds, double etaSeconds) {
        /** One console line. */
        public String line() {
            return String.format("round %d/%d step %d/%d loss %.4f active %.3f %.1f img/s lr %.2e elapsed %s eta %s",
                    round, rounds, step, totalSteps, meanLoss, activeFraction, imagesPerSecond, learningRate,
                    clock(elapsedSeconds), clock(etaSeconds));
        }
    }

    /**
     * @param round            the round, from 1
     * @param steps            steps run in it
     * @param meanLoss         mean triplet loss of its steps
     * @param activeFraction   fraction of examined triplets with positive loss, over its steps
     * @param roundMining      mining statistics of the round-start embedding of the training images
     * @param stepMining       mining statistics summed over the round's steps
     * @param imagesPerSecond  training images per second of step time
     * @param timings          where the step time went
     * @param embedSeconds     time spent embedding the training images at the round start
     * @param residentBytes    resident memory of the process at the round end, or -1 when unknown
     * @param elapsedSeconds   training time since the run started
     */
    record RoundReport(int round, int steps, double meanLoss, double activeFraction,
                       io.facetrain.core.mining.MiningStats roundMining, io.facetrain.core.mining.MiningStats stepMining,
                       double imagesPerSecond, StepTimings timings, double embedSeconds, long residentBytes,
                       double elapsedSeconds) {
        /** Console lines. */
        public String line() {
            return String.format("round %d done: %d steps, loss %.4f, active %.3f, %.1f img/s, rss %s, %s%n"
                            + "  round-start mining: %s%n  time: %s, embedding %.1f s",
                    round, steps, meanLoss, activeFraction, imagesPerSecond,
                    residentBytes < 0 ? "?" : (residentBytes >> 20) + " MB", clock(elapsedSeconds), roundMining,
                    timings.shares(), embedSeconds);
        }
    }

    /**
     * One point of the accuracy-versus-time curve.
     *
     * @param round           round just finished
     * @param step            steps done
     * @param trainingSeconds training time so far (validation excluded)
     * @param wallSeconds     wall time since the run started
     * @param imagesSeen      training images embedded so far
     * @param accuracyMean    validation verification accuracy (mean over folds)
     * @param accuracyStd     its standard deviation over folds
     * @param auc             area under the ROC curve
     */
    record CurvePoint(int round, long step, double trainingSeconds, double wallSeconds, long imagesSeen,
                      double accuracyMean, double accuracyStd, double auc) {
        /** One console line. */
        public String line() {
            return String.format("validation after round %d (step %d, %s of training): accuracy %.4f ± %.4f, AUC %.4f",
                    round, step, clock(trainingSeconds), accuracyMean, accuracyStd, auc);
        }
    }

    /** h:mm:ss */
    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
