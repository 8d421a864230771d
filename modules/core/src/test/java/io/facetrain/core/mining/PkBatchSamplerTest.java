package io.facetrain.core.mining;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class PkBatchSamplerTest {

    /** 10 persons with 2..11 images each, then 5 single-image persons. */
    private static int[] labels() {
        int[] l = new int[65 + 5];
        int k = 0;
        for (int p = 0; p < 10; p++) {
            for (int i = 0; i < p + 2; i++) {
                l[k++] = p;
            }
        }
        for (int p = 10; p < 15; p++) {
            l[k++] = p;
        }
        return Arrays.copyOf(l, k);
    }

    @Test
    void batchesHavePPersonsWithUpToKDistinctImagesPlusSingles() {
        int[] labels = labels();
        PkBatchSampler s = new PkBatchSampler(labels, 4, 3, 2, 7);
        assertEquals(10, s.eligiblePersons());
        for (int b = 0; b < 20; b++) {
            int[] batch = s.next();
            Map<Integer, Integer> count = new HashMap<>();
            Set<Integer> rows = new HashSet<>();
            int singles = 0;
            for (int r : batch) {
                assertTrue(rows.add(r), "an image appears twice in a batch");
                if (labels[r] >= 10) {
                    singles++;
                } else {
                    count.merge(labels[r], 1, Integer::sum);
                }
            }
            assertEquals(4, count.size());
            assertEquals(2, singles);
            for (Map.Entry<Integer, Integer> e : count.entrySet()) {
                assertEquals(Math.min(3, e.getKey() + 2), e.getValue());
            }
        }
    }

    @Test
    void everyPersonIsVisitedBeforeAnyTwice() {
        PkBatchSampler s = new PkBatchSampler(labels(), 5, 2, 0, 3);
        Set<Integer> first = new HashSet<>();
        for (int b = 0; b < 2; b++) {
            for (int r : s.next()) {
                first.add(labels()[r]);
            }
        }
        assertEquals(10, first.size());
    }

    @Test
    void sameSeedSameBatches() {
        PkBatchSampler a = new PkBatchSampler(labels(), 3, 2, 1, 11);
        PkBatchSampler b = new PkBatchSampler(labels(), 3, 2, 1, 11);
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(a.next(), b.next());
        }
    }

    @Test
    void needsTwoPersonsWithSeveralImages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PkBatchSampler(new int[] {0, 0, 1, 2}, 2, 2, 0, 1));
        assertTrue(e.getMessage().contains("at least 2 persons"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PkBatchSampler(new int[] {0, 0, 1, 1}, 1, 2, 0, 1));
    }
}
