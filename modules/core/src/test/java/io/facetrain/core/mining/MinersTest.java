package io.facetrain.core.mining;

import io.facetrain.core.loss.Triplets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every miner on hand-made one-dimensional embeddings whose answers can be worked out by hand.
 *
 * <pre>
 * row:      0     1     2     3     4     5
 * person:   A     A     A     B     B     C (single image: negative only)
 * x:        0.0   0.3   0.5   0.45  1.5   0.9
 * </pre>
 * Squared distances from row 0: d(0,1)=0.09, d(0,2)=0.25, d(0,3)=0.2025, d(0,4)=2.25, d(0,5)=0.81.
 */
@Timeout(30)
class MinersTest {

    private static final double MARGIN = 0.2;
    private static final float[] X = {0.0f, 0.3f, 0.5f, 0.45f, 1.5f, 0.9f};
    private static final int[] LABELS = {0, 0, 0, 1, 1, 2};

    private static PairwiseDistances distances() {
        return PairwiseDistances.of(X, X.length, 1);
    }

    @Test
    void distancesAreSquaredEuclidean() {
        PairwiseDistances d = distances();
        assertEquals(0.2025, d.get(0, 3), 1e-6);
        assertEquals(d.get(3, 0), d.get(0, 3));
        assertEquals(0.0, d.get(4, 4));
    }

    @Test
    void statisticsClassifyEveryValidTriplet() {
        MiningStats s = new HardestNegativeMiner(MARGIN).mine(distances(), LABELS, new Random(1)).stats();
        // Anchors: rows 0,1,2 (2 positives each) and 3,4 (1 positive each); negatives: 3 for A, 4 for B.
        assertEquals(3 * 2 * 3 + 2 * 1 * 4, s.considered());
        assertEquals(s.considered(), s.easy() + s.semiHard() + s.hard());
        // Anchor 0, positive 2 (d=0.25): negative 3 (0.2025) hard, 5 (0.81) easy, 4 (2.25) easy.
        // Anchor 0, positive 1 (d=0.09): negative 3 (0.2025) semi-hard, 5, 4 easy.
        assertTrue(s.hard() >= 1 && s.semiHard() >= 1);
        assertEquals(3 * 2 + 2, s.positivePairs());
        assertEquals(3 * 3 + 2 * 4, s.negativePairs());
        assertEquals(s.semiHard() + s.hard(), Math.round(s.fractionActive() * s.considered()));
    }

    @Test
    void semiHardPicksTheClosestNegativeFartherThanThePositive() {
        MinedTriplets m = new SemiHardMiner(MARGIN).mine(distances(), LABELS, new Random(1));
        Triplets t = m.triplets();
        // Anchor 0, positive 1 (0.09): negatives farther than 0.09: 3 (0.2025), 5, 4 -> closest is 3, semi-hard.
        assertTrue(contains(t, 0, 1, 3));
        // Anchor 0, positive 2 (0.25): farther than 0.25: 5 (0.81), 4 (2.25) -> 5, which is easy (0.81 >= 0.45): dropped.
        assertTrue(!contains(t, 0, 2, 5) && !contains(t, 0, 2, 3));
        // Anchor 4 (1.5), positive 3 (d=1.1025): negatives 0 (2.25), 1 (1.44), 2 (1.0), 5 (0.36); none farther
        // than 1.1025 except 0 and 1 -> closest farther is 1 (1.44), which is easy (>= 1.3025)... so dropped.
        assertTrue(!contains(t, 4, 3, 1));
        // Anchor 3 (0.45), positive 4 (1.1025): farther negatives: none of 0 (0.2025), 1 (0.0225), 2 (0.0025),
        // 5 (0.2025) -> all are closer: the least hard, the farthest of them (0 and 5 tie at 0.2025 -> row 0).
        assertTrue(contains(t, 3, 4, 0));
        assertEquals(t.size(), m.stats().selected());
    }

    @Test
    void hardestNegativeIsTheClosestNegative() {
        Triplets t = new HardestNegativeMiner(MARGIN).mine(distances(), LABELS, new Random(1)).triplets();
        // Anchor 2 (0.5): negatives 3 (0.0025), 4 (1.0), 5 (0.16) -> 3, for both positives.
        assertTrue(contains(t, 2, 0, 3));
        assertTrue(contains(t, 2, 1, 3));
        // Anchor 3: negatives 0 (0.2025), 1 (0.0225), 2 (0.0025), 5 (0.2025) -> 2.
        assertTrue(contains(t, 3, 4, 2));
        for (int i = 0; i < t.size(); i++) {
            assertNotEquals(LABELS[t.anchor(i)], LABELS[t.negative(i)]);
            assertEquals(LABELS[t.anchor(i)], LABELS[t.positive(i)]);
        }
    }

    @Test
    void batchHardTakesTheFarthestPositiveAndClosestNegativePerAnchor() {
        Triplets t = new BatchHardMiner(MARGIN).mine(distances(), LABELS, new Random(1)).triplets();
        // Anchor 0: farthest positive 2 (0.25), closest negative 3 (0.2025): hard, kept.
        assertTrue(contains(t, 0, 2, 3));
        // Anchor 1 (0.3): positives 0 (0.09), 2 (0.04) -> 0; negatives 3 (0.0225) -> hard, kept.
        assertTrue(contains(t, 1, 0, 3));
        // Anchor 4 (1.5): positive 3 (1.1025); closest negative 5 (0.36): hard.
        assertTrue(contains(t, 4, 3, 5));
        // One triplet per anchor at most; the single-image row 5 is never an anchor.
        Set<Integer> anchors = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            assertTrue(anchors.add(t.anchor(i)));
            assertNotEquals(5, t.anchor(i));
        }
    }

    @Test
    void randomMinerDrawsValidNegativesReproducibly() {
        Triplets a = new RandomMiner(5.0).mine(distances(), LABELS, new Random(9)).triplets();
        Triplets b = new RandomMiner(5.0).mine(distances(), LABELS, new Random(9)).triplets();
        assertEquals(a, b);
        // With a margin of 5 no triplet is easy, so every anchor-positive pair yields one triplet.
        assertEquals(3 * 2 + 2, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertNotEquals(LABELS[a.anchor(i)], LABELS[a.negative(i)]);
        }
    }

    @Test
    void easyTripletsAreDroppedButCounted() {
        // Two well separated persons: everything is easy.
        float[] x = {0f, 0.01f, 5f, 5.01f};
        int[] labels = {0, 0, 1, 1};
        for (String name : Miners.NAMES) {
            MinedTriplets m = Miners.create(name, MARGIN).mine(PairwiseDistances.of(x, 4, 1), labels, new Random(2));
            assertEquals(0, m.triplets().size(), name);
            assertEquals(8, m.stats().considered(), name);
            assertEquals(1.0, m.stats().fractionEasy(), 1e-12, name);
        }
    }

    @Test
    void unknownMinerIsRejectedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Miners.create("hardish", 0.2));
        assertTrue(e.getMessage().contains("semi-hard"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SemiHardMiner(0));
    }

    @Test
    void tripletKindsFollowTheFaceNetDefinition() {
        assertEquals(TripletKind.HARD, TripletKind.of(0.5, 0.4, 0.2));
        assertEquals(TripletKind.HARD, TripletKind.of(0.5, 0.5, 0.2));
        assertEquals(TripletKind.SEMI_HARD, TripletKind.of(0.5, 0.6, 0.2));
        assertEquals(TripletKind.EASY, TripletKind.of(0.5, 0.7, 0.2));
    }

    private static boolean contains(Triplets t, int a, int p, int n) {
        for (int i = 0; i < t.size(); i++) {
            if (t.anchor(i) == a && t.positive(i) == p && t.negative(i) == n) {
                return true;
            }
        }
        return false;
    }
}
