package io.facetrain.core.eval;

import io.facetrain.schema.FacePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.facetrain.core.eval.RocCurveTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class LfwPairsFileTest {

    @Test
    void viewOneFormatIsOneFold(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pairsDevTest.txt");
        Files.writeString(file, "2\nAaron_Peirsol\t1\t2\nZico 3 4\nAJ_Cook\t1\tMarsha_Thomason\t1\nA 2 B 5\n\n");
        List<FacePair> pairs = LfwPairsFile.read(file);
        assertEquals(4, pairs.size());
        FacePair first = pairs.get(0);
        assertEquals("Aaron_Peirsol", first.getLeftPersonId());
        assertEquals("Aaron_Peirsol", first.getRightPersonId());
        assertEquals(1, first.getLeftImageNumber());
        assertEquals(2, first.getRightImageNumber());
        assertTrue(first.getSame());
        assertNull(first.getLeftImageId());
        FacePair mismatch = pairs.get(3);
        assertFalse(mismatch.getSame());
        assertEquals("A", mismatch.getLeftPersonId());
        assertEquals("B", mismatch.getRightPersonId());
        assertEquals(5, mismatch.getRightImageNumber());
        for (FacePair p : pairs) {
            assertEquals(0, p.getFold());
        }
    }

    @Test
    void viewTwoFormatGivesOneFoldPerSet() {
        List<String> lines = List.of("2 1", "a 1 2", "a 1 b 1", "c 1 3", "c 2 d 4");
        List<FacePair> pairs = LfwPairsFile.parse(lines, "pairs.txt");
        assertEquals(List.of(0, 0, 1, 1), pairs.stream().map(FacePair::getFold).toList());
        assertEquals(List.of(true, false, true, false), pairs.stream().map(FacePair::getSame).toList());
    }

    @Test
    void malformedFilesNameTheLine() {
        assertMessage("empty pair list", () -> LfwPairsFile.parse(List.of("", " "), "p.txt"));
        assertMessage("p.txt line 1: expected \"N\" or \"sets N\"", () -> LfwPairsFile.parse(List.of("1 2 3"), "p.txt"));
        assertMessage("found 1 lines", () -> LfwPairsFile.parse(List.of("1", "a 1 2"), "p.txt"));
        assertMessage("p.txt line 2: expected a matched pair", () -> LfwPairsFile.parse(List.of("1", "a 1 b 2", "a 1 b 2"), "p.txt"));
        assertMessage("p.txt line 3: expected a mismatched pair", () -> LfwPairsFile.parse(List.of("1", "a 1 2", "a 1 2"), "p.txt"));
        assertMessage("p.txt line 2: expected a number, got \"x\"", () -> LfwPairsFile.parse(List.of("1", "a x 2", "a 1 b 2"), "p.txt"));
        assertMessage("p.txt line 3: expected a number >= 1, got 0", () -> LfwPairsFile.parse(List.of("1", "a 1 2", "a 0 b 2"), "p.txt"));
        assertMessage("names one person twice", () -> LfwPairsFile.parse(List.of("1", "a 1 2", "a 1 a 2"), "p.txt"));
    }

    @Test
    void evaluatorUsesTheFoldsOfAViewTwoList() {
        // Same data as VerificationEvaluatorTest.thresholdIsChosenOnTrainingFoldsOnly, as a 2-set View 2 list.
        List<String> lines = new ArrayList<>(List.of("2 2",
                "p 1 2", "p 1 3", "p 1 q 1", "p 1 r 1",
                "s 1 2", "s 1 3", "s 1 t 1", "s 1 u 1"));
        List<FacePair> pairs = LfwPairsFile.parse(lines, "pairs.txt");
        double[] d = {0.1, 0.5, 0.6, 0.9, 0.1, 0.2, 0.3, 0.4};
        VerificationResult r = new VerificationEvaluator(VerificationConfig.defaults()).evaluate(d, pairs);
        assertEquals(2, r.folds().size());
        assertEquals(0.625, r.accuracyMean(), 1e-12);
    }

    @Test
    void evaluatorAssignsFoldsToAViewOneList() {
        List<String> lines = new ArrayList<>();
        lines.add("10");
        for (int i = 1; i <= 10; i++) {
            lines.add("p" + i + " 1 2");
        }
        for (int i = 1; i <= 10; i++) {
            lines.add("p" + i + " 1 q" + i + " 1");
        }
        List<FacePair> pairs = LfwPairsFile.parse(lines, "pairsDevTest.txt");
        double[] d = new double[20];
        for (int i = 0; i < 20; i++) {
            d[i] = i < 10 ? 0.1 * i : 2 + 0.1 * i;
        }
        VerificationResult r = new VerificationEvaluator(VerificationConfig.defaults()).evaluate(d, pairs);
        assertEquals(10, r.folds().size(), "10 stratified folds of one same and one different pair");
        assertEquals(1.0, r.accuracyMean(), 0.0);
        assertMessage("differ in length",
                () -> new VerificationEvaluator(VerificationConfig.defaults()).evaluate(new double[3], pairs));
    }
}
