package io.facetrain.core.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.facetrain.core.eval.RocCurveTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class PairSamplerTest {

    /** 30 persons with 1..6 images each, shuffled image order. */
    private static int[] labels() {
        List<Integer> labels = new ArrayList<>();
        for (int p = 0; p < 30; p++) {
            for (int k = 0; k <= p % 6; k++) {
                labels.add(p * 7 + 3);
            }
        }
        int[] array = new int[labels.size()];
        for (int i = 0; i < array.length; i++) {
            // A fixed permutation so that a person's images are not adjacent.
            array[i] = labels.get((i * 37) % labels.size());
        }
        return array;
    }

    @Test
    void pairsAreValidAndUnique() {
        int[] labels = labels();
        List<ImagePair> pairs = new PairSampler(11).sample(labels, 40, 60);
        assertEquals(100, pairs.size());
        Set<ImagePair> unique = new HashSet<>(pairs);
        assertEquals(100, unique.size(), "no duplicate pairs");
        for (int i = 0; i < pairs.size(); i++) {
            ImagePair p = pairs.get(i);
            assertTrue(p.first() < p.second(), "ordered, no self-pairs");
            assertEquals(i < 40, p.same(), "same pairs first");
            assertEquals(labels[p.first()] == labels[p.second()], p.same(), "label matches the persons");
        }
    }

    @Test
    void sameSeedSamePairsOtherSeedOtherPairs() {
        int[] labels = labels();
        assertEquals(new PairSampler(5).sample(labels, 20, 20), new PairSampler(5).sample(labels, 20, 20));
        assertNotEquals(new PairSampler(5).sample(labels, 20, 20), new PairSampler(6).sample(labels, 20, 20));
    }

    @Test
    void everyPossibleSamePairCanBeAskedFor() {
        // Persons have 1..6 images, 5 persons of each size: 5·(0 + 1 + 3 + 6 + 10 + 15) = 175 same pairs.
        List<ImagePair> pairs = new PairSampler(1).sample(labels(), 175, 0);
        assertEquals(175, new HashSet<>(pairs).size());
        assertMessage("asked for 176 same-person pairs but the 25 persons with at least 2 images only give 175",
                () -> new PairSampler(1).sample(labels(), 176, 0));
    }

    @Test
    void everyPossibleDifferentPairCanBeAskedFor() {
        List<String> labels = List.of("a", "a", "b", "c");
        // Different pairs: (a,b) ×2, (a,c) ×2, (b,c) = 5.
        List<ImagePair> pairs = new PairSampler(2).sample(labels, 0, 5);
        assertEquals(5, new HashSet<>(pairs).size());
        assertMessage("asked for 6 different-person pairs", () -> new PairSampler(2).sample(labels, 0, 6));
    }

    @Test
    void differentPairsAreUniformOverPairsNotOverPersons() {
        // Persons of 10, 20 and 70 images: 200 (A,B), 700 (A,C) and 1400 (B,C) different pairs, 2300 in all.
        // 1000 drawn without replacement (the rejection-sampling path): expected 87, 304, 609. The
        // hypergeometric standard deviation is at most ~11, so ±40 is over 3.5 of them, while choosing
        // persons uniformly would give ~333 each.
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            labels.add(i < 10 ? "A" : i < 30 ? "B" : "C");
        }
        int ab = 0;
        int ac = 0;
        int bc = 0;
        for (ImagePair p : new PairSampler(77).sample(labels, 0, 1000)) {
            String key = labels.get(p.first()) + labels.get(p.second());
            if (key.equals("AB") || key.equals("BA")) {
                ab++;
            } else if (key.equals("AC") || key.equals("CA")) {
                ac++;
            } else {
                bc++;
            }
        }
        assertEquals(87, ab, 40);
        assertEquals(304, ac, 40);
        assertEquals(609, bc, 40);
    }

    @Test
    void badInputIsRejected() {
        assertMessage("must be >= 0", () -> new PairSampler(1).sample(new int[] {1, 1}, -1, 0));
        assertMessage("person label of image 1 is null",
                () -> new PairSampler(1).sample(java.util.Arrays.asList("a", null), 0, 0));
        assertMessage("only give 0", () -> new PairSampler(1).sample(new int[] {1, 2, 3}, 1, 0));
    }
}
