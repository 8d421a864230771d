package io.facetrain.core.eval;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Runs the face verification protocol on pair distances (squared L2 between L2-normalised embeddings,
 * or any distance where smaller = more similar) and same/different labels:
 * <ul>
 *   <li>k-fold accuracy (LFW: 10 folds): for each fold, τ maximises accuracy on the other folds and is
 *       tested on this one; mean ± sample standard deviation over folds;</li>
 *   <li>over all pairs: ROC, AUC, EER, TAR and τ at each configured FAR, the best-accuracy threshold,
 *       the chosen (calibrated) τ, and same/different distance histograms.</li>
 * </ul>
 * Stateless apart from its configuration; safe to share between threads.
 */
public final class VerificationEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationEvaluator.class);

    private final VerificationConfig config;

    public VerificationEvaluator(VerificationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The configuration in use. */
    public VerificationConfig config() {
        return config;
    }

    /**
     * Evaluates with folds assigned by {@link StratifiedFolds#assign} from the configured fold count and
     * seed (pairs generated over held-out identities).
     *
     * @param distances one distance per pair, finite, smaller = same person
     * @param same      true for same-person pairs
     * @throws IllegalArgumentException on mismatched lengths, NaN/infinite distances, a missing class, or
     *                                  fewer pairs of a class than folds
     */
    public VerificationResult evaluate(double[] distances, boolean[] same) {
        PairScores.validate(distances, same);
        return run(distances, same, StratifiedFolds.assign(same, config.folds(), config.seed()), config.folds());
    }

    /**
     * Evaluates with the folds given by the pair list (LFW View 2: 10 sets of 300 + 300 pairs). The fold
     * count is {@code max(folds) + 1}; the configured fold count and seed are not used.
     *
     * @param folds fold id in [0, k) of every pair, every fold non-empty
     * @throws IllegalArgumentException on invalid pairs or fold ids, or when the training folds of some
     *                                  fold lack a class
     */
    public VerificationResult evaluate(double[] distances, boolean[] same, int[] folds) {
        PairScores.validate(distances, same);
        int foldCount = StratifiedFolds.validate(folds, distances.length);
        return run(distances, same, folds, foldCount);
    }

    /**
     * Evaluates distances computed for a pair list such as {@link LfwPairsParser} returns: labels come from
     * {@link io.facetrain.schema.FacePair#getSame()}; the pairs' folds are used when they name at least two
     * (LFW View 2), otherwise folds are assigned as in {@link #evaluate(double[], boolean[])} (View 1).
     *
     * @param distances the distance of {@code pairs.get(i)} at index i
     * @throws IllegalArgumentException on a length mismatch or any problem the other overloads reject
     */
    public VerificationResult evaluate(double[] distances, List<io.facetrain.schema.FacePair> pairs) {
        if (pairs == null) {
            throw new IllegalArgumentException("pair list must not be null");
        }
        boolean[] same = new boolean[pairs.size()];
        int[] folds = new int[pairs.size()];
        boolean severalFolds = false;
        for (int i = 0; i < same.length; i++) {
            same[i] = pairs.get(i).getSame();
            folds[i] = pairs.get(i).getFold();
            severalFolds |= folds[i] != folds[0];
        }
        return severalFolds ? evaluate(distances, same, folds) : evaluate(distances, same);
    }

    private VerificationResult run(double[] distances, boolean[] same, int[] foldOf, int foldCount) {
        List<FoldResult> folds = new ArrayList<>(foldCount);
        for (int f = 0; f < foldCount; f++) {
            folds.add(evaluateFold(distances, same, foldOf, f));
        }
        RocCurve roc = RocCurve.of(distances, same);
        List<TarAtFar> tarAtFar = new ArrayList<>();
        for (double far : config.farTargets()) {
            tarAtFar.add(roc.atFar(far));
        }
        OptionalDouble calibrationFar = config.calibrationFar();
        AccuracyThreshold bestAccuracy = roc.bestAccuracy();
        double threshold = bestAccuracy.threshold();
        if (calibrationFar.isPresent()) {
            TarAtFar calibrated = roc.atFar(calibrationFar.getAsDouble());
            threshold = calibrated.threshold();
            if (!config.farTargets().contains(calibrationFar.getAsDouble())) {
                tarAtFar.add(calibrated);
            }
        }
        DistanceHistogram histogram = config.hasFixedHistogramRange()
                ? DistanceHistogram.overRange(distances, same, config.histogramBins(),
                        config.histogramLow(), config.histogramHigh())
                : DistanceHistogram.overDataRange(distances, same, config.histogramBins());
        VerificationResult result = new VerificationResult(distances.length, PairScores.countSame(same), folds, roc,
                tarAtFar, bestAccuracy, threshold, calibrationFar, histogram);
        LOG.debug("verification on {} pairs: accuracy {} ± {}, AUC {}, EER {}", distances.length,
                result.accuracyMean(), result.accuracyStd(), result.auc(), result.equalErrorRate().rate());
        return result;
    }

    private static FoldResult evaluateFold(double[] distances, boolean[] same, int[] foldOf, int fold) {
        int testCount = 0;
        for (int f : foldOf) {
            if (f == fold) {
                testCount++;
            }
        }
        double[] trainD = new double[distances.length - testCount];
        boolean[] trainSame = new boolean[trainD.length];
        double[] testD = new double[testCount];
        boolean[] testSame = new boolean[testCount];
        int tr = 0;
        int te = 0;
        for (int i = 0; i < distances.length; i++) {
            if (foldOf[i] == fold) {
                testD[te] = distances[i];
                testSame[te++] = same[i];
            } else {
                trainD[tr] = distances[i];
                trainSame[tr++] = same[i];
            }
        }
        int trainSameCount = PairScores.countSame(trainSame);
        if (trainSameCount == 0 || trainSameCount == trainSame.length) {
            throw new IllegalArgumentException("the training folds for fold " + fold + " contain only "
                    + (trainSameCount == 0 ? "different" : "same") + "-person pairs; every fold's complement needs "
                    + "both classes to choose a threshold");
        }
        double threshold = AccuracyThreshold.maximise(trainD, trainSame).threshold();
        return new FoldResult(fold, testCount, threshold, AccuracyThreshold.accuracy(testD, testSame, threshold));
    }
}
