package io.facetrain.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class IdentitySplitTest {

    /** 40 persons with 3 images and 60 persons with 1 image. */
    private static int[] labels() {
        int[] l = new int[40 * 3 + 60];
        int k = 0;
        for (int p = 0; p < 40; p++) {
            for (int i = 0; i < 3; i++) {
                l[k++] = p;
            }
        }
        for (int p = 40; p < 100; p++) {
            l[k++] = p;
        }
        return l;
    }

    @Test
    void noPersonIsOnBothSides() {
        int[] labels = labels();
        IdentitySplit s = IdentitySplit.byPerson(labels, 0.1, 4);
        Set<Integer> train = new HashSet<>();
        for (int i : s.train()) {
            train.add(labels[i]);
        }
        for (int i : s.validation()) {
            assertTrue(!train.contains(labels[i]), "person " + labels[i] + " is on both sides");
        }
        assertEquals(labels.length, s.train().length + s.validation().length);
    }

    @Test
    void eachKindOfPersonIsSplitByTheFraction() {
        int[] labels = labels();
        IdentitySplit s = IdentitySplit.byPerson(labels, 0.1, 4);
        Set<Integer> multi = new HashSet<>();
        Set<Integer> single = new HashSet<>();
        for (int i : s.validation()) {
            (labels[i] < 40 ? multi : single).add(labels[i]);
        }
        assertEquals(4, multi.size());
        assertEquals(6, single.size());
    }

    @Test
    void seededAndOrdered() {
        assertArrayEquals(IdentitySplit.byPerson(labels(), 0.2, 9).validation(),
                IdentitySplit.byPerson(labels(), 0.2, 9).validation());
        int[] v = IdentitySplit.byPerson(labels(), 0.2, 9).validation();
        for (int i = 1; i < v.length; i++) {
            assertTrue(v[i] > v[i - 1]);
        }
        assertEquals(0, IdentitySplit.byPerson(labels(), 0.0, 9).validation().length);
        assertThrows(IllegalArgumentException.class, () -> IdentitySplit.byPerson(labels(), 1.0, 9));
    }
}
