package io.facetrain.core.eval;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Everything the verification protocol measured on one set of pair distances. Immutable; built by
 * {@link VerificationEvaluator}.
 */
public final class VerificationResult {

    private final int pairCount;
    private final int sameCount;
    private final List<FoldResult> folds;
    private final double accuracyMean;
    private final double accuracyStd;
    private final RocCurve roc;
    private final double auc;
    private final EqualErrorRate equalErrorRate;
    private final List<TarAtFar> tarAtFar;
    private final AccuracyThreshold bestAccuracy;
    private final double threshold;
    private final OptionalDouble calibrationFar;
    private final DistanceHistogram histogram;

    VerificationResult(int pairCount, int sameCount, List<FoldResult> folds, RocCurve roc,
                       List<TarAtFar> tarAtFar, AccuracyThreshold bestAccuracy, double threshold,
                       OptionalDouble calibrationFar, DistanceHistogram histogram) {
        this.pairCount = pairCount;
        this.sameCount = sameCount;
        this.folds = List.copyOf(folds);
        this.roc = Objects.requireNonNull(roc, "roc");
        this.tarAtFar = List.copyOf(tarAtFar);
        this.bestAccuracy = Objects.requireNonNull(bestAccuracy, "bestAccuracy");
        this.threshold = threshold;
        this.calibrationFar = Objects.requireNonNull(calibrationFar, "calibrationFar");
        this.histogram = Objects.requireNonNull(histogram, "histogram");
        double sum = 0.0;
        for (FoldResult f : folds) {
            sum += f.accuracy();
        }
        this.accuracyMean = sum / folds.size();
        double squares = 0.0;
        for (FoldResult f : folds) {
            squares += (f.accuracy() - accuracyMean) * (f.accuracy() - accuracyMean);
        }
        this.accuracyStd = Math.sqrt(squares / (folds.size() - 1));
        this.auc = roc.auc();
        this.equalErrorRate = roc.equalErrorRate();
    }

    /** Number of pairs evaluated. */
    public int pairCount() {
        return pairCount;
    }

    /** Number of same-person pairs. */
    public int sameCount() {
        return sameCount;
    }

    /** Number of different-person pairs. */
    public int differentCount() {
        return pairCount - sameCount;
    }

    /** Per-fold threshold and test accuracy, in fold order. */
    public List<FoldResult> folds() {
        return folds;
    }

    /** Mean of the per-fold test accuracies. */
    public double accuracyMean() {
        return accuracyMean;
    }

    /** Sample standard deviation (n − 1 denominator) of the per-fold test accuracies. */
    public double accuracyStd() {
        return accuracyStd;
    }

    /** The full ROC curve over all pairs. */
    public RocCurve roc() {
        return roc;
    }

    /** Area under the ROC curve over all pairs. */
    public double auc() {
        return auc;
    }

    /** Equal error rate over all pairs. */
    public EqualErrorRate equalErrorRate() {
        return equalErrorRate;
    }

    /** TAR and τ at each configured FAR target (calibration FAR included), in configuration order. */
    public List<TarAtFar> tarAtFar() {
        return tarAtFar;
    }

    /** TAR and τ at any FAR, computed from the full ROC curve. */
    public TarAtFar tarAtFar(double targetFar) {
        return roc.atFar(targetFar);
    }

    /** The best-accuracy threshold over all pairs and its (optimistic, in-sample) accuracy. */
    public AccuracyThreshold bestAccuracy() {
        return bestAccuracy;
    }

    /**
     * The chosen τ: the threshold at {@link #calibrationFar()} when τ is calibrated at a FAR, otherwise
     * the best-accuracy threshold over all pairs. Pairs with distance {@code <= τ} are "same person".
     */
    public double threshold() {
        return threshold;
    }

    /** The FAR τ was calibrated at; empty when τ is the best-accuracy threshold. */
    public OptionalDouble calibrationFar() {
        return calibrationFar;
    }

    /** Distance histograms of same and different pairs. */
    public DistanceHistogram histogram() {
        return histogram;
    }
}
