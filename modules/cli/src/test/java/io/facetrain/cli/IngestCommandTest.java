package io.facetrain.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Command-line errors of {@code facetrain ingest}: each one line, exit 2, and before Spark starts. Every
 * refused command also names a Spark master that cannot start: had Spark been started before the check,
 * the error would be Spark's, with exit code 1.
 */
class IngestCommandTest {

    private static final String[] UNSTARTABLE_SPARK = {"--set", "spark.master=no-such-master://x"};

    @TempDir
    Path dir;

    @Test
    void helpDescribesEveryOption() {
        CliTestSupport.Result result = CliTestSupport.run("ingest", "--help");

        assertEquals(0, result.exitCode());
        for (String option : new String[] {"--input", "--out", "--dataset", "--shards", "--config", "--set"}) {
            assertTrue(result.out().contains(option), option + " missing from: " + result.out());
        }
    }

    @Test
    void missingInputIsOneLineNamingThePath() {
        Path missing = dir.resolve("no-such-dir");
        CliTestSupport.Result result = run("ingest", "--input", missing.toString(), "--out", dir.resolve("out").toString());

        assertEquals(2, result.exitCode());
        assertEquals("facetrain ingest: --input does not exist: file:" + missing + System.lineSeparator(), result.err());
    }

    @Test
    void badShardCountsAreRefused() throws IOException {
        Files.createDirectories(dir.resolve("in"));
        String[] base = {"ingest", "--input", dir.resolve("in").toString(), "--out", dir.resolve("out").toString(), "--shards"};

        CliTestSupport.Result zero = run(concat(base, "0"));
        assertEquals(2, zero.exitCode());
        assertEquals("facetrain ingest: --shards must be at least 1, got 0" + System.lineSeparator(), zero.err());

        CliTestSupport.Result word = run(concat(base, "many"));
        assertEquals(2, word.exitCode());
        assertTrue(word.err().startsWith("facetrain: Invalid value for option '--shards': 'many' is not an int"), word.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing may be written for a refused command");
    }

    @Test
    void invalidConfigurationIsRefusedBeforeSpark() throws IOException {
        Files.createDirectories(dir.resolve("in"));
        CliTestSupport.Result result = run("ingest", "--input", dir.resolve("in").toString(),
                "--out", dir.resolve("out").toString(), "--set", "ingest.min-width=0");

        assertEquals(2, result.exitCode());
        assertEquals("facetrain ingest: facetrain.ingest.min-width must be at least 1, got 0" + System.lineSeparator(),
                result.err());
    }

    @Test
    void outputInsideInputIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("in"));
        CliTestSupport.Result result = run("ingest", "--input", dir.resolve("in").toString(),
                "--out", dir.resolve("in/dataset").toString());

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("is inside --input"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @Test
    void requiredOptionsAreNamed() {
        CliTestSupport.Result result = CliTestSupport.run("ingest", "--out", "x");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("facetrain: Missing required option: '--input=DIR'"), result.err());
    }

    private static CliTestSupport.Result run(String... args) {
        String[] all = Arrays.copyOf(args, args.length + UNSTARTABLE_SPARK.length);
        System.arraycopy(UNSTARTABLE_SPARK, 0, all, args.length, UNSTARTABLE_SPARK.length);
        return CliTestSupport.run(all);
    }

    private static String[] concat(String[] base, String last) {
        String[] all = Arrays.copyOf(base, base.length + 1);
        all[base.length] = last;
        return all;
    }
}
