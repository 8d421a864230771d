package io.facetrain.core.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.facetrain.core.eval.RocCurveTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class StratifiedFoldsTest {

    @Test
    void everyFoldGetsBothClassesAndSizesDifferByAtMostOne() {
        boolean[] same = new boolean[103];
        for (int i = 0; i < 37; i++) {
            same[i * 2] = true;
        }
        int[] folds = StratifiedFolds.assign(same, 10, 42);
        int[] sameIn = new int[10];
        int[] diffIn = new int[10];
        for (int i = 0; i < same.length; i++) {
            assertTrue(folds[i] >= 0 && folds[i] < 10);
            if (same[i]) {
                sameIn[folds[i]]++;
            } else {
                diffIn[folds[i]]++;
            }
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int f = 0; f < 10; f++) {
            assertTrue(sameIn[f] >= 3 && sameIn[f] <= 4, "37 same pairs → 3 or 4 per fold");
            assertTrue(diffIn[f] >= 6 && diffIn[f] <= 7, "66 different pairs → 6 or 7 per fold");
            min = Math.min(min, sameIn[f] + diffIn[f]);
            max = Math.max(max, sameIn[f] + diffIn[f]);
        }
        assertTrue(max - min <= 1, "fold sizes " + min + ".." + max);
        assertArrayEquals(folds, StratifiedFolds.assign(same, 10, 42), "deterministic for a seed");
    }

    @Test
    void validateReturnsTheFoldCount() {
        assertEquals(3, StratifiedFolds.validate(new int[] {2, 0, 1, 1}, 4));
        assertMessage("fold ids go up to 5", () -> StratifiedFolds.validate(new int[] {0, 5}, 2));
        assertMessage("must not be null", () -> StratifiedFolds.validate(null, 2));
    }

    @Test
    void tooFewFoldsOrPairsAreRejected() {
        assertMessage("at least 2 folds", () -> StratifiedFolds.assign(new boolean[] {true, false}, 1, 0));
        assertMessage("need at least 10 pairs", () -> StratifiedFolds.assign(new boolean[9], 10, 0));
    }
}
