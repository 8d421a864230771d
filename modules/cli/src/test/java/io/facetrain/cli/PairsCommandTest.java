package io.facetrain.cli;

import io.facetrain.schema.FacePair;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairsCommandTest {

    @TempDir
    Path dir;

    @Test
    void pairsAloneAsksForASubcommand() {
        CliTestSupport.Result result = CliTestSupport.run("pairs");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("a subcommand is required"), result.err());
    }

    @Test
    void importAnswersHelp() {
        CliTestSupport.Result result = CliTestSupport.run("pairs", "import", "--help");

        assertEquals(0, result.exitCode());
        assertTrue(result.out().contains("Usage: facetrain pairs import"), result.out());
        assertTrue(result.out().contains("--data"), result.out());
    }

    @Test
    void importsAViewTwoFile() throws IOException {
        Path pairs = dir.resolve("pairs.txt");
        Files.writeString(pairs, "2\t1\nA\t1\t2\nB\t1\tC\t3\nD\t2\t3\nE\t1\tF\t1\n");
        Path out = dir.resolve("pairs.avro");

        CliTestSupport.Result result = CliTestSupport.run("pairs", "import", "--pairs", pairs.toString(), "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("imported 4 pairs (2 same-person, 2 different-person) in 2 fold(s)"), result.out());
        List<FacePair> written = read(out);
        assertEquals(4, written.size());
        assertEquals(1, written.get(3).getFold());
        assertEquals("F", written.get(3).getRightPersonId());
        assertNull(written.get(0).getLeftImageId());
    }

    @Test
    void aMalformedFileIsOneLineNamingTheLine() throws IOException {
        Path pairs = dir.resolve("pairs.txt");
        Files.writeString(pairs, "1\nA\t1\nB\t1\tC\t3\n");

        CliTestSupport.Result result = CliTestSupport.run("pairs", "import", "--pairs", pairs.toString(), "--out",
                dir.resolve("p.avro").toString());

        assertEquals(2, result.exitCode());
        assertEquals("facetrain import: pairs.txt line 2: expected a same-person pair 'name i j' (fold 1), found 'A\t1'"
                + System.lineSeparator(), result.err());
        assertFalse(Files.exists(dir.resolve("p.avro")));
    }

    @Test
    void aMissingPairsFileIsNamed() {
        CliTestSupport.Result result = CliTestSupport.run("pairs", "import", "--pairs", dir.resolve("nope.txt").toString(),
                "--out", dir.resolve("p.avro").toString());

        assertEquals(2, result.exitCode());
        assertEquals("facetrain import: --pairs is not a file: file:" + dir.resolve("nope.txt") + System.lineSeparator(),
                result.err());
    }

    @Test
    void aDataDirectoryThatIsNoDatasetIsNamed() throws IOException {
        Path pairs = dir.resolve("pairs.txt");
        Files.writeString(pairs, "1\nA\t1\t2\nB\t1\tC\t3\n");
        Files.createDirectories(dir.resolve("empty"));

        CliTestSupport.Result result = CliTestSupport.run("pairs", "import", "--pairs", pairs.toString(), "--out",
                dir.resolve("p.avro").toString(), "--data", dir.resolve("empty").toString());

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("is not an ingested dataset"), result.err());
    }

    static List<FacePair> read(Path file) throws IOException {
        List<FacePair> pairs = new ArrayList<>();
        try (DataFileReader<FacePair> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(FacePair.class))) {
            reader.forEach(pairs::add);
        }
        return pairs;
    }
}
