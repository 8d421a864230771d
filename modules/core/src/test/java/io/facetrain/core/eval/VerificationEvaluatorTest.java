package io.facetrain.core.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Random;

import static io.facetrain.core.eval.RocCurveTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class VerificationEvaluatorTest {

    private static final double EPS = 1e-12;

    private final VerificationEvaluator lfw = new VerificationEvaluator(VerificationConfig.defaults());

    /*
     * Two given folds.
     *   fold 0: 0.1 S, 0.5 S, 0.6 D, 0.9 D   (its own best τ would be 0.55, accuracy 1)
     *   fold 1: 0.1 S, 0.2 S, 0.3 D, 0.4 D   (its own best τ would be 0.25, accuracy 1)
     * Testing fold 0 with τ chosen on fold 1 (0.25): 0.1 S ok, 0.5 S wrong, 0.6 D ok, 0.9 D ok → 3/4.
     * Testing fold 1 with τ chosen on fold 0 (0.55): 0.1 S ok, 0.2 S ok, 0.3 D wrong, 0.4 D wrong → 2/4.
     * Mean 0.625; sample std = sqrt((0.125² + 0.125²) / 1) = 0.125·√2. Choosing τ on the test fold itself
     * would give 1 and 1.
     */
    @Test
    void thresholdIsChosenOnTrainingFoldsOnly() {
        double[] d = {0.1, 0.5, 0.6, 0.9, 0.1, 0.2, 0.3, 0.4};
        boolean[] s = {true, true, false, false, true, true, false, false};
        int[] folds = {0, 0, 0, 0, 1, 1, 1, 1};
        VerificationResult r = lfw.evaluate(d, s, folds);
        List<FoldResult> f = r.folds();
        assertEquals(2, f.size());
        assertEquals(0.25, f.get(0).threshold(), EPS);
        assertEquals(0.75, f.get(0).accuracy(), EPS);
        assertEquals(4, f.get(0).pairs());
        assertEquals(0.55, f.get(1).threshold(), EPS);
        assertEquals(0.5, f.get(1).accuracy(), EPS);
        assertEquals(0.625, r.accuracyMean(), EPS);
        assertEquals(0.125 * Math.sqrt(2), r.accuracyStd(), EPS);
    }

    @Test
    void perfectSeparationWithTenStratifiedFolds() {
        int n = 200;
        double[] d = new double[n];
        boolean[] s = new boolean[n];
        Random random = new Random(1);
        for (int i = 0; i < n; i++) {
            s[i] = i < n / 2;
            d[i] = s[i] ? random.nextDouble() : 2.0 + random.nextDouble();
        }
        VerificationResult r = lfw.evaluate(d, s);
        assertEquals(10, r.folds().size());
        for (FoldResult f : r.folds()) {
            assertEquals(1.0, f.accuracy(), EPS, "fold " + f.fold());
            assertEquals(20, f.pairs());
        }
        assertEquals(1.0, r.accuracyMean(), EPS);
        assertEquals(0.0, r.accuracyStd(), EPS);
        assertEquals(1.0, r.auc(), EPS);
        assertEquals(0.0, r.equalErrorRate().rate(), EPS);
        assertEquals(1.0, r.tarAtFar().get(0).tar(), EPS);
        assertEquals(0.01, r.tarAtFar().get(0).targetFar(), 0.0);
        assertEquals(0.001, r.tarAtFar().get(1).targetFar(), 0.0);
        assertEquals(n, r.pairCount());
        assertEquals(100, r.sameCount());
        assertEquals(100, r.differentCount());
        assertTrue(r.threshold() > 0.9 && r.threshold() < 2.1, "τ lies in the gap: " + r.threshold());
        assertFalse(r.calibrationFar().isPresent());
    }

    @Test
    void foldMeanAndStdMatchTheFoldAccuracies() {
        Random random = new Random(99);
        int n = 600;
        double[] d = new double[n];
        boolean[] s = new boolean[n];
        int[] folds = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i % 2 == 0;
            d[i] = random.nextGaussian() + (s[i] ? 0.0 : 1.5);
            folds[i] = i / 60;
        }
        VerificationResult r = lfw.evaluate(d, s, folds);
        double mean = 0;
        for (FoldResult f : r.folds()) {
            mean += f.accuracy() / 10;
            // Each fold's accuracy recomputed from its reported threshold.
            int correct = 0;
            for (int i = f.fold() * 60; i < (f.fold() + 1) * 60; i++) {
                correct += (d[i] <= f.threshold()) == s[i] ? 1 : 0;
            }
            assertEquals(correct / 60.0, f.accuracy(), EPS);
        }
        double sq = 0;
        for (FoldResult f : r.folds()) {
            sq += (f.accuracy() - mean) * (f.accuracy() - mean);
        }
        assertEquals(mean, r.accuracyMean(), EPS);
        assertEquals(Math.sqrt(sq / 9), r.accuracyStd(), EPS);
        // Means 0 and 1.5, unit variance: the Bayes accuracy is Φ(0.75) ≈ 0.773.
        assertEquals(0.773, r.accuracyMean(), 0.05);
    }

    @Test
    void sameSeedSameFoldsAndDifferentSeedDifferentFolds() {
        Random random = new Random(5);
        double[] d = new double[300];
        boolean[] s = new boolean[300];
        for (int i = 0; i < d.length; i++) {
            s[i] = random.nextBoolean();
            d[i] = random.nextDouble() + (s[i] ? 0 : 0.3);
        }
        VerificationResult a = lfw.evaluate(d, s);
        VerificationResult b = lfw.evaluate(d, s);
        VerificationResult c = new VerificationEvaluator(VerificationConfig.builder().seed(43).build()).evaluate(d, s);
        assertEquals(a.folds(), b.folds());
        assertFalse(a.folds().equals(c.folds()), "another seed deals other folds");
        assertEquals(a.auc(), c.auc(), 0.0, "AUC does not depend on folds");
    }

    @Test
    void calibrationAtFarSetsTauAndAddsTheTarget() {
        // Same pairs at i/200 (0 .. 0.495), different pairs at (100 + i)/100 (1.00 .. 1.99): separable, so
        // TAR 1 is reached at FAR 0 by accepting every same pair: τ = (0.495 + 1.00) / 2 = 0.7475.
        double[] d = new double[200];
        boolean[] s = new boolean[200];
        for (int i = 0; i < 100; i++) {
            d[i] = i / 200.0;
            s[i] = true;
            d[100 + i] = (100 + i) / 100.0;
        }
        VerificationConfig config = VerificationConfig.builder().calibrateAtFar(0.05).build();
        VerificationResult r = new VerificationEvaluator(config).evaluate(d, s);
        assertEquals(0.7475, r.threshold(), 1e-12);
        assertEquals(0.05, r.calibrationFar().getAsDouble(), 0.0);
        assertEquals(3, r.tarAtFar().size(), "0.01, 0.001 and the calibration FAR 0.05");
        assertEquals(0.05, r.tarAtFar().get(2).targetFar(), 0.0);
        assertEquals(r.threshold(), r.tarAtFar().get(2).threshold(), 0.0);
        assertEquals(1.0, r.tarAtFar().get(2).tar(), 0.0);
    }

    @Test
    void calibratedTauFollowsTheFarTarget() {
        // Overlapping classes: same at 0.01·i (i < 100), different at 0.5 + 0.01·i (i < 100).
        // FAR ≤ 0.1 allows the 10 smallest different distances 0.50 .. 0.59; the next one is 0.60 and the
        // same pair 0.60 ties with it, so the best point accepts everything < 0.60: TAR = 60/100, τ = 0.595.
        double[] d = new double[200];
        boolean[] s = new boolean[200];
        for (int i = 0; i < 100; i++) {
            d[i] = i / 100.0;
            s[i] = true;
            d[100 + i] = (50 + i) / 100.0;
        }
        VerificationResult r = new VerificationEvaluator(VerificationConfig.builder().calibrateAtFar(0.1).build())
                .evaluate(d, s);
        assertEquals(0.595, r.threshold(), 1e-9);
        assertEquals(0.6, r.tarAtFar(0.1).tar(), EPS);
        assertEquals(0.1, r.tarAtFar(0.1).point().far(), EPS);
    }

    @Test
    void histogramIsIncluded() {
        double[] d = {0.1, 0.2, 3.9, 4.0};
        boolean[] s = {true, true, false, false};
        int[] folds = {0, 1, 0, 1};
        VerificationConfig config = VerificationConfig.builder().histogramBins(4).histogramRange(0, 4).build();
        VerificationResult r = new VerificationEvaluator(config).evaluate(d, s, folds);
        assertEquals(4, r.histogram().bins());
        assertEquals(2, r.histogram().sameCounts()[0]);
        assertEquals(2, r.histogram().differentCounts()[3]);
    }

    @Test
    void inputValidationMessages() {
        assertMessage("need at least 10 pairs for 10 folds",
                () -> lfw.evaluate(new double[] {1, 2, 3, 4}, new boolean[] {true, false, true, false}));
        boolean[] fewSame = new boolean[40];
        fewSame[0] = true;
        assertMessage("got 1 same and 39 different", () -> lfw.evaluate(new double[40], fewSame));
        assertMessage("is NaN", () -> lfw.evaluate(new double[] {0, Double.NaN}, new boolean[] {true, false}));
        assertMessage("differ in length", () -> lfw.evaluate(new double[3], new boolean[2]));
        double[] d = {0.1, 0.2, 0.3, 0.4};
        boolean[] s = {true, false, true, false};
        assertMessage("fold ids differ in length", () -> lfw.evaluate(d, s, new int[] {0, 1}));
        assertMessage("negative", () -> lfw.evaluate(d, s, new int[] {0, -1, 1, 1}));
        assertMessage("fold 1 has no pairs", () -> lfw.evaluate(d, s, new int[] {0, 0, 2, 2}));
        assertMessage("at least 2 folds", () -> lfw.evaluate(d, s, new int[] {0, 0, 0, 0}));
        // Fold 1 holds every same pair, so the training folds for fold 0 (= fold 1) hold no different pair.
        assertMessage("training folds for fold 0 contain only same",
                () -> lfw.evaluate(d, s, new int[] {1, 0, 1, 0}));
    }
}
