package io.facetrain.core.eval;

import io.facetrain.schema.FacePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.facetrain.core.eval.RocCurveTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LfwPairsParserTest {

    static final String VIEW_1 = "2\n"
            + "Aaron_Peirsol\t1\t2\n"
            + "Aaron_Peirsol\t3\t4\n"
            + "AJ_Cook\t1\tMarsha_Thomason\t1\n"
            + "Aaron_Sorkin\t2\tFrank_Solich\t5\n";

    @Test
    void viewOneIsNSameThenNDifferentInOneFold() throws IOException {
        PairList list = parse(VIEW_1);

        assertEquals(1, list.folds());
        assertEquals(2, list.pairsPerFold());
        assertEquals(4, list.pairs().size());
        assertEquals(2, list.samePairs());
        FacePair same = list.pairs().get(1);
        assertTrue(same.getSame());
        assertEquals("Aaron_Peirsol", same.getLeftPersonId());
        assertEquals("Aaron_Peirsol", same.getRightPersonId());
        assertEquals(3, same.getLeftImageNumber());
        assertEquals(4, same.getRightImageNumber());
        assertNull(same.getLeftImageId());
        FacePair different = list.pairs().get(3);
        assertFalse(different.getSame());
        assertEquals("Aaron_Sorkin", different.getLeftPersonId());
        assertEquals(2, different.getLeftImageNumber());
        assertEquals("Frank_Solich", different.getRightPersonId());
        assertEquals(5, different.getRightImageNumber());
        assertEquals(0, different.getFold());
    }

    @Test
    void viewTwoHasFoldsOfSameThenDifferent() throws IOException {
        PairList list = parse("2 1\n"
                + "A 1 2\n"
                + "B 1 C 1\n"
                + "D 1 3\n"
                + "E 2 F 4\n"
                + "\n");

        assertEquals(2, list.folds());
        assertEquals(1, list.pairsPerFold());
        assertEquals(4, list.pairs().size());
        assertEquals(0, list.pairs().get(1).getFold());
        assertFalse(list.pairs().get(1).getSame());
        assertEquals(1, list.pairs().get(2).getFold());
        assertTrue(list.pairs().get(2).getSame());
        assertEquals("F", list.pairs().get(3).getRightPersonId());
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pairsDevTrain.txt");
        Files.writeString(file, VIEW_1);
        PairList list = LfwPairsParser.read(file);
        assertEquals(parse(VIEW_1), list);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LfwPairsParser.read(writeBad(dir)));
        assertTrue(e.getMessage().startsWith(dir.resolve("bad.txt") + " line 2:"), e.getMessage());
    }

    private static Path writeBad(Path dir) throws IOException {
        return Files.writeString(dir.resolve("bad.txt"), "1\nA 1\nB 1 C 1\n");
    }

    @Test
    void structuralErrorsNameTheLine() {
        assertError("pairs.txt line 3: expected a same-person pair 'name i j' (fold 1), found 'A 1 B 2'",
                "2\nA 1 2\nA 1 B 2\nC 1 D 1\nE 1 F 1\n");
        assertError("pairs.txt line 3: expected a different-person pair 'name1 i name2 j'", "1\nA 1 2\nB 1 2\n");
        assertError("pairs.txt: ends after line 4; its first line promises 4 pairs", "2\nA 1 2\nB 1 2\nC 1 D 1\n");
        assertError("pairs.txt line 4: more pairs than the 2 its first line promises", "1\nA 1 2\nB 1 C 1\nD 1 2\n");
        assertError("pairs.txt line 2: image number must be a positive integer, found 'x'", "1\nA x 2\nB 1 C 1\n");
        assertError("pairs.txt line 2: image number must be a positive integer, found '0'", "1\nA 0 2\nB 1 C 1\n");
        assertError("pairs.txt line 2: same-person pair compares image 2 of A with itself", "1\nA 2 2\nB 1 C 1\n");
        assertError("pairs.txt line 3: different-person pair names B twice", "1\nA 1 2\nB 1 B 2\n");
        assertError("pairs.txt line 1: expected 'N' or 'FOLDS N', found '1 2 3'", "1 2 3\n");
        assertError("pairs.txt: empty", "");
        assertError("pairs.txt line 1: fold count must be a positive integer, found '-1'", "-1 5\n");
    }

    @Test
    void evaluatorUsesTheFoldsOfAViewTwoList() throws IOException {
        // Same data as VerificationEvaluatorTest.thresholdIsChosenOnTrainingFoldsOnly, as a 2-set View 2 list.
        List<String> lines = new ArrayList<>(List.of("2 2",
                "p 1 2", "p 1 3", "p 1 q 1", "p 1 r 1",
                "s 1 2", "s 1 3", "s 1 t 1", "s 1 u 1"));
        List<FacePair> pairs = parse(String.join("\n", lines)).pairs();
        double[] d = {0.1, 0.5, 0.6, 0.9, 0.1, 0.2, 0.3, 0.4};
        VerificationResult r = new VerificationEvaluator(VerificationConfig.defaults()).evaluate(d, pairs);
        assertEquals(2, r.folds().size());
        assertEquals(0.625, r.accuracyMean(), 1e-12);
    }

    @Test
    void evaluatorAssignsFoldsToAViewOneList() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("10");
        for (int i = 1; i <= 10; i++) {
            lines.add("p" + i + " 1 2");
        }
        for (int i = 1; i <= 10; i++) {
            lines.add("p" + i + " 1 q" + i + " 1");
        }
        List<FacePair> pairs = parse(String.join("\n", lines)).pairs();
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
    static PairList parse(String text) throws IOException {
        return LfwPairsParser.parse(new BufferedReader(new StringReader(text)), "pairs.txt");
    }

    private static void assertError(String start, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(text));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
