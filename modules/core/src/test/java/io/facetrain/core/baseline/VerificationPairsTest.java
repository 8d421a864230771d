package io.facetrain.core.baseline;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerificationPairsTest {

    @Test
    void drawsTheRequestedDistinctPairsInRange() {
        List<ImagePair> pairs = VerificationPairs.sample(20, 5, 50, 70, 1);
        assertEquals(120, pairs.size());
        assertEquals(120, new HashSet<>(pairs).size());
        for (int k = 0; k < pairs.size(); k++) {
            ImagePair pair = pairs.get(k);
            assertEquals(k < 50, pair.samePerson(), "pair " + k);
            assertTrue(pair.personA() >= 0 && pair.personB() < 20 && pair.imageA() >= 0 && pair.imageB() < 5);
            if (pair.samePerson()) {
                assertNotEquals(pair.imageA(), pair.imageB(), "an image paired with itself");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSamePairs() {
        assertEquals(VerificationPairs.sample(30, 4, 40, 40, 9), VerificationPairs.sample(30, 4, 40, 40, 9));
        assertNotEquals(VerificationPairs.sample(30, 4, 40, 40, 9), VerificationPairs.sample(30, 4, 40, 40, 10));
    }

    @Test
    void refusesMorePairsThanExistAndTooSmallDatasets() {
        // 3 persons × C(2, 2) = 3 same-person pairs exist.
        assertEquals(3, VerificationPairs.sample(3, 2, 3, 1, 1).stream().filter(ImagePair::samePerson).count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VerificationPairs.sample(3, 2, 4, 1, 1));
        assertTrue(e.getMessage().contains("same-person"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VerificationPairs.sample(1, 5, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> VerificationPairs.sample(5, 1, 1, 1, 1));
    }
}
