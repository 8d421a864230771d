package io.facetrain.core.loss;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class TripletLossTest {

    private static final double EPS = 1e-6;

    @Test
    void lossOfHandMadeTripletsMatchesTheDefinition() {
        // Rows: a=(0,0), p=(1,0), n1=(0,2), n2=(0,1.05); d(a,p)=1, d(a,n1)=4, d(a,n2)=1.1025.
        double[] e = {0, 0, 1, 0, 0, 2, 0, 1.05};
        Triplets t = Triplets.of(new int[] {0, 0}, new int[] {1, 1}, new int[] {2, 3});
        TripletLossResult r = new TripletLoss(0.2).compute(e, 4, 2, t, null);
        // Triplet 1: max(1 - 4 + 0.2, 0) = 0; triplet 2: max(1 - 1.1025 + 0.2, 0) = 0.0975. Mean = 0.04875.
        assertEquals(0.04875, r.meanLoss(), 1e-12);
        assertEquals(2, r.tripletCount());
        assertEquals(1, r.activeCount());
        assertEquals(1.0, r.meanPositiveDistance(), 1e-12);
        assertEquals((4 + 1.1025) / 2, r.meanNegativeDistance(), 1e-12);
        assertArrayEquals(new double[] {0, 0.0975}, new TripletLoss(0.2).perTriplet(e, 2, t), 1e-12);
    }

    @Test
    void gradientOfIndexedTripletsMatchesFiniteDifferences() {
        Random random = new Random(3);
        int rows = 8;
        int dim = 5;
        double[] e = randomEmbeddings(random, rows, dim);
        // Rows reused by several triplets, as in a P×K batch; margin large enough that most are active.
        Triplets t = Triplets.of(new int[] {0, 0, 1, 2, 3, 4, 5, 0},
                new int[] {1, 2, 0, 3, 2, 5, 4, 3},
                new int[] {4, 6, 7, 5, 7, 0, 1, 7});
        TripletLoss loss = new TripletLoss(0.8);
        double[] grad = new double[e.length];
        TripletLossResult r = loss.compute(e, rows, dim, t, grad);
        assertTrue(r.activeCount() > 0 && r.activeCount() < t.size() + 1);
        assertGradientMatches(loss, e, rows, dim, t, grad);
    }

    @Test
    void gradientOfStackedLayoutMatchesFiniteDifferences() {
        Random random = new Random(5);
        int n = 4;
        int dim = 3;
        double[] e = randomEmbeddings(random, 3 * n, dim);
        TripletLoss loss = new TripletLoss(1.0);
        double[] grad = new double[e.length];
        loss.compute(e, 3 * n, dim, Triplets.stacked(n), grad);
        assertGradientMatches(loss, e, 3 * n, dim, Triplets.stacked(n), grad);
    }

    @Test
    void stackedLayoutIsAnchorsThenPositivesThenNegatives() {
        Triplets t = Triplets.stacked(3);
        assertEquals(Triplets.of(new int[] {0, 1, 2}, new int[] {3, 4, 5}, new int[] {6, 7, 8}), t);
    }

    @Test
    void weightedMeanOfPartialGradientsEqualsTheCombinedGradient() {
        // The equivalence the parameter server relies on: workers' mean-loss gradients, weighted by their
        // triplet counts, average to the gradient of all their triplets together.
        Random random = new Random(11);
        int rows = 10;
        int dim = 4;
        double[] e = randomEmbeddings(random, rows, dim);
        TripletLoss loss = new TripletLoss(1.5);
        Triplets first = Triplets.of(new int[] {0, 1, 2}, new int[] {1, 0, 3}, new int[] {5, 6, 7});
        Triplets second = Triplets.of(new int[] {4, 5, 6, 7, 8}, new int[] {5, 4, 7, 6, 9}, new int[] {0, 1, 2, 3, 0});
        Triplets all = Triplets.of(new int[] {0, 1, 2, 4, 5, 6, 7, 8}, new int[] {1, 0, 3, 5, 4, 7, 6, 9},
                new int[] {5, 6, 7, 0, 1, 2, 3, 0});
        double[] g1 = new double[e.length];
        double[] g2 = new double[e.length];
        double[] g = new double[e.length];
        double l1 = loss.compute(e, rows, dim, first, g1).meanLoss();
        double l2 = loss.compute(e, rows, dim, second, g2).meanLoss();
        double l = loss.compute(e, rows, dim, all, g).meanLoss();
        assertEquals(l, (3 * l1 + 5 * l2) / 8, 1e-12);
        for (int i = 0; i < g.length; i++) {
            assertEquals(g[i], (3 * g1[i] + 5 * g2[i]) / 8, 1e-12, "component " + i);
        }
    }

    @Test
    void noTripletsMeansZeroLossAndGradient() {
        double[] e = {1, 0, 0, 1};
        double[] grad = new double[4];
        TripletLossResult r = new TripletLoss(0.2).compute(e, 2, 2, Triplets.empty(), grad);
        assertEquals(0.0, r.meanLoss());
        assertEquals(0, r.tripletCount());
        assertArrayEquals(new double[4], grad);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new TripletLoss(0));
        assertThrows(IllegalArgumentException.class, () -> new TripletLoss(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Triplets.of(new int[] {0}, new int[] {0}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Triplets.of(new int[] {0}, new int[] {1}, new int[] {}));
        Triplets t = Triplets.of(new int[] {0}, new int[] {1}, new int[] {5});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TripletLoss(0.2).compute(new double[6], 3, 2, t, null));
        assertTrue(e.getMessage().contains("row 5"), e.getMessage());
    }

    static double[] randomEmbeddings(Random random, int rows, int dim) {
        double[] e = new double[rows * dim];
        for (int r = 0; r < rows; r++) {
            double norm = 0;
            for (int k = 0; k < dim; k++) {
                e[r * dim + k] = random.nextGaussian();
                norm += e[r * dim + k] * e[r * dim + k];
            }
            for (int k = 0; k < dim; k++) {
                e[r * dim + k] /= Math.sqrt(norm);
            }
        }
        return e;
    }

    private static void assertGradientMatches(TripletLoss loss, double[] e, int rows, int dim, Triplets t,
                                              double[] analytic) {
        for (int i = 0; i < e.length; i++) {
            double orig = e[i];
            e[i] = orig + EPS;
            double plus = loss.compute(e, rows, dim, t, null).meanLoss();
            e[i] = orig - EPS;
            double minus = loss.compute(e, rows, dim, t, null).meanLoss();
            e[i] = orig;
            double numeric = (plus - minus) / (2 * EPS);
            assertEquals(numeric, analytic[i], 1e-6, "dJ/de[" + i + "]");
        }
    }
}
