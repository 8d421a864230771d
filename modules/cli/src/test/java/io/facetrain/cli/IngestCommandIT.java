package io.facetrain.cli;

import io.facetrain.core.image.TestImages;
import io.facetrain.schema.FacePair;
import io.facetrain.schema.ImageFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code facetrain ingest} and {@code pairs import --data} as a user runs them, Spark in local[2]. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IngestCommandIT {

    @TempDir
    Path dir;

    @Test
    void ingestPrintsTheSummaryAndPairsResolveAgainstTheDataset() throws IOException {
        Path input = dir.resolve("faces");
        for (String person : List.of("Ann_Lee", "Bo_Ek")) {
            for (int i = 1; i <= 3; i++) {
                Path file = input.resolve(person).resolve(String.format("%s_%04d.jpg", person, i));
                Files.createDirectories(file.getParent());
                Files.write(file, TestImages.encode(TestImages.pattern(40, 40, true, person.length() * 10 + i), ImageFormat.JPEG));
            }
        }
        Files.write(input.resolve("Bo_Ek/Bo_Ek_0004.jpg"), new byte[0]);
        Path out = dir.resolve("dataset");
        String[] ingest = {"ingest", "--input", input.toString(), "--out", out.toString(), "--dataset", "tiny",
            "--shards", "2", "--set", "spark.master=local[2]"};

        CliTestSupport.Result first = CliTestSupport.run(ingest);

        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("\"persons\" : 2,"), first.out());
        assertTrue(first.out().contains("\"images\" : 6,"), first.out());
        assertTrue(first.out().contains("\"EMPTY_FILE\" : 1,"), first.out());
        assertTrue(first.out().contains("wrote 2 shard(s) [0, 1]"), first.out());
        assertTrue(Files.readString(out.resolve("_summary.json")).contains("\"dataset\" : \"tiny\""));

        CliTestSupport.Result again = CliTestSupport.run(ingest);
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("dataset unchanged, nothing written"), again.out());

        Path pairsFile = dir.resolve("pairs.txt");
        Files.writeString(pairsFile, "1\nAnn_Lee\t1\t3\nAnn_Lee\t2\tBo_Ek\t4\n");
        Path pairsOut = dir.resolve("pairs.avro");
        CliTestSupport.Result pairs = CliTestSupport.run("pairs", "import", "--pairs", pairsFile.toString(),
                "--out", pairsOut.toString(), "--data", out.toString());

        assertEquals(0, pairs.exitCode(), pairs.err());
        assertTrue(pairs.out().contains("resolved both images of 1 of 2 pairs"), pairs.out());
        assertTrue(pairs.out().contains("Bo_Ek image 4 (fold 1): not in the dataset"), pairs.out());
        List<FacePair> written = PairsCommandTest.read(pairsOut);
        assertNotNull(written.get(0).getLeftImageId());
        assertNotNull(written.get(1).getLeftImageId());
        assertNull(written.get(1).getRightImageId());
    }

    @Test
    void aSparkFailureIsExitOneNotAUsageError() throws IOException {
        Files.createDirectories(dir.resolve("in/p"));
        CliTestSupport.Result result = CliTestSupport.run("ingest", "--input", dir.resolve("in").toString(),
                "--out", dir.resolve("out").toString(), "--set", "spark.master=no-such-master://x");

        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("facetrain ingest failed: "), result.err());
    }
}
