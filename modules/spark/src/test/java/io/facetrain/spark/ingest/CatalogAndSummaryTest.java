package io.facetrain.spark.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.facetrain.schema.RejectReason;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogAndSummaryTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void catalogSurvivesItsJsonRoundTrip() throws IOException {
        Catalog catalog = new Catalog(Catalog.CURRENT_VERSION, "demo", 3, new AnalysisSettings(32, 32, 1000, 64),
                List.of(DatasetContentTest.image("a/1.png", "id1"),
                        DatasetContentTest.rejected("a/2.png", RejectReason.TRUNCATED),
                        FileAnalysis.skipped(InputFile.of("README", 4, 9), "readme")));
        Path file = new Path(dir.resolve("catalog.json").toUri());
        FileSystem fs = FileSystem.getLocal(new Configuration());

        IngestJson.write(fs, file, IngestJson.compact(catalog));

        assertEquals(catalog, IngestJson.read(fs, file, Catalog.class));
    }

    @Test
    void aDamagedCatalogIsReportedByName() throws IOException {
        Files.writeString(dir.resolve("catalog.json"), "{\"version\": 1, \"dataset\": ");
        FileSystem fs = FileSystem.getLocal(new Configuration());
        Path file = new Path(dir.resolve("catalog.json").toUri());

        IOException e = assertThrows(IOException.class, () -> IngestJson.read(fs, file, Catalog.class));
        assertTrue(e.getMessage().contains("catalog.json"), e.getMessage());
    }

    @Test
    void summaryCountsPersonsImagesRejectsAndTheHistogram() throws IOException {
        DatasetContent content = DatasetContent.plan(List.of(
                DatasetContentTest.image("a/1.png", "1"), DatasetContentTest.image("a/2.png", "2"),
                DatasetContentTest.image("b/1.png", "3"), DatasetContentTest.image("c/1.png", "4"),
                DatasetContentTest.image("c/2.png", "1"),
                DatasetContentTest.rejected("c/3.png", RejectReason.EMPTY_FILE),
                FileAnalysis.skipped(InputFile.of("README", 4, 9), "readme")), 2);

        IngestSummary summary = IngestSummary.of("demo", content);

        assertEquals(3, summary.persons());
        assertEquals(4, summary.images());
        assertEquals(2, summary.rejected());
        assertEquals(1, summary.rejected(RejectReason.DUPLICATE));
        assertEquals(1, summary.rejected(RejectReason.EMPTY_FILE));
        assertEquals(0, summary.rejected(RejectReason.MISPLACED));
        assertEquals(RejectReason.values().length, summary.rejectedByReason().size());
        // a: 2 images, b: 1, c: 1 (its second image duplicates a/1.png)
        assertEquals(2, summary.imagesPerPerson().get(1));
        assertEquals(1, summary.imagesPerPerson().get(2));
        assertEquals(List.of(new IngestSummary.SkippedFile("README", 4, "readme")), summary.skipped());

        JsonNode json = IngestJson.PRETTY.readTree(summary.toJson());
        assertEquals(3, json.get("persons").asInt());
        assertEquals(2, json.get("imagesPerPerson").get("1").asInt());
        assertEquals("README", json.get("skipped").get(0).get("path").asText());
        assertArrayEquals(summary.toJson().getBytes(StandardCharsets.UTF_8), IngestJson.pretty(summary),
                "the console shows exactly what _summary.json holds");
    }
}
