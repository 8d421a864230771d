package io.facetrain.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerateCommandTest {

    private static long pngCount(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".png")).count();
        }
    }

    private static long folderCount(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory).count();
        }
    }

    @Test
    @Timeout(60)
    void writesPersonFoldersAndReportsProgressAndTotals(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("faces");
        CliTestSupport.Result result = CliTestSupport.run("generate", "--out", out.toString(), "--persons", "3",
                "--images-per-person", "2", "--size", "32", "--seed", "4", "--threads", "2");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(Files.isRegularFile(out.resolve("synth_00003/synth_00003_0002.png")));
        assertEquals(6, pngCount(out));
        assertTrue(result.out().contains("3/3 persons (6 images)"), result.out());
        assertTrue(result.out().contains("wrote 6 images of 3 persons"), result.out());
    }

    @Test
    @Timeout(60)
    void configurationKeysApplyAndOptionsOverrideThem(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("faces");
        CliTestSupport.Result result = CliTestSupport.run("generate", "--out", out.toString(),
                "--set", "generate.persons=4", "--set", "generate.images-per-person=5", "--set", "generate.size=32",
                "--images-per-person", "1");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(4, folderCount(out));
        assertEquals(4, pngCount(out));
    }

    @Test
    void badValuesAreUsageErrorsAndNothingIsWritten(@TempDir Path dir) {
        Path out = dir.resolve("faces");
        CliTestSupport.Result persons = CliTestSupport.run("generate", "--out", out.toString(), "--persons", "1");
        assertEquals(2, persons.exitCode());
        assertTrue(persons.err().contains("facetrain.generate.persons must be between 2"), persons.err());
        CliTestSupport.Result size = CliTestSupport.run("generate", "--out", out.toString(), "--size", "16");
        assertEquals(2, size.exitCode());
        assertTrue(size.err().contains("facetrain.generate.size"), size.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void outIsRequired() {
        CliTestSupport.Result result = CliTestSupport.run("generate", "--persons", "2");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--out"), result.err());
    }

    @Test
    void aNonEmptyOutputDirectoryIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        CliTestSupport.Result result = CliTestSupport.run("generate", "--out", dir.toString(), "--persons", "2",
                "--size", "32");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("not empty"), result.err());
        assertEquals(0, folderCount(dir));
    }

    @Test
    @Timeout(60)
    void pixelBaselineAndContactSheetAreReported(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("faces");
        Path sheet = dir.resolve("sheet.png");
        CliTestSupport.Result result = CliTestSupport.run("generate", "--out", out.toString(), "--persons", "12",
                "--images-per-person", "4", "--size", "32", "--pixel-baseline", "--baseline-pairs", "20",
                "--contact-sheet", sheet.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("raw-pixel L2 verification on 20 same + 20 different pairs"), result.out());
        assertTrue(result.out().contains("CENTRE_GREY_STANDARDISED"), result.out());
        assertTrue(Files.size(sheet) > 0);
        assertEquals(48, pngCount(out), "the contact sheet stays outside the dataset");
    }

    @Test
    void impossibleBaselineRequestFailsBeforeGenerating(@TempDir Path dir) {
        Path out = dir.resolve("faces");
        CliTestSupport.Result result = CliTestSupport.run("generate", "--out", out.toString(), "--persons", "3",
                "--images-per-person", "1", "--pixel-baseline");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--pixel-baseline"), result.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void contactSheetInsideTheDatasetIsRefused(@TempDir Path dir) {
        Path out = dir.resolve("faces");
        CliTestSupport.Result result = CliTestSupport.run("generate", "--out", out.toString(), "--persons", "2",
                "--contact-sheet", out.resolve("sheet.png").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("outside the dataset directory"), result.err());
        assertFalse(Files.exists(out));
    }
}
