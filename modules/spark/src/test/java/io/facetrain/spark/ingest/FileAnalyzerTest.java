package io.facetrain.spark.ingest;

import io.facetrain.core.image.ImageDecoder;
import io.facetrain.core.image.TestImages;
import io.facetrain.schema.ImageFormat;
import io.facetrain.schema.RejectReason;
import io.facetrain.spark.SerializableHadoopConfiguration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileAnalyzerTest {

    private static final AnalysisSettings SETTINGS = new AnalysisSettings(32, 32, 10_000_000, 1 << 20);

    @TempDir
    java.nio.file.Path dir;

    @Test
    void everyPlantedFileGetsItsVerdict() throws IOException {
        PlantedInput.write(dir);
        Map<String, FileAnalysis> verdicts = analyseAll(SETTINGS);

        PlantedInput.REJECTS.forEach((path, reason) -> {
            FileAnalysis verdict = verdicts.get(path);
            if (reason == RejectReason.DUPLICATE) {
                // A duplicate is a valid image on its own; DatasetContent decides over all files.
                assertEquals(FileAnalysis.Verdict.IMAGE, verdict.verdict(), path);
                assertEquals(verdicts.get(PlantedInput.DUPLICATED).imageId(), verdict.imageId());
            } else {
                assertEquals(FileAnalysis.Verdict.REJECTED, verdict.verdict(), path + ": " + verdict.message());
                assertEquals(reason, verdict.reason(), path + ": " + verdict.message());
                assertTrue(verdict.message().contains(path), verdict.message());
            }
        });
        PlantedInput.SKIPPED.forEach((path, why) -> {
            assertEquals(FileAnalysis.Verdict.SKIPPED, verdicts.get(path).verdict(), path);
            assertTrue(verdicts.get(path).message().contains(why), verdicts.get(path).message());
        });
        FileAnalysis pgm = verdicts.get("Bob/Bob_0001.pgm");
        assertEquals(ImageFormat.PGM, pgm.format());
        assertEquals(1, pgm.channels());
        assertEquals(48, pgm.width());
        assertEquals(56, pgm.height());
        assertEquals(ImageIds.of(Files.readAllBytes(dir.resolve("Bob/Bob_0001.pgm"))), pgm.imageId());
        assertEquals(3, verdicts.get("Carol/Carol_0001.bmp").channels());
        assertEquals(1, verdicts.get("Bob/Bob_0002.gif").channels());
    }

    @Test
    void filesOverTheSizeLimitAreRefusedUnread() throws IOException {
        PlantedInput.put(dir, "Big/Big_0001.png", TestImages.encode(TestImages.pattern(200, 200, true, 1), ImageFormat.PNG));
        long size = Files.size(dir.resolve("Big/Big_0001.png"));

        FileAnalysis verdict = analyseAll(new AnalysisSettings(32, 32, 10_000_000, size - 1)).get("Big/Big_0001.png");

        assertEquals(RejectReason.UNREADABLE, verdict.reason());
        assertTrue(verdict.message().contains("max-file-bytes"), verdict.message());
    }

    @Test
    void aFileThatVanishedAfterListingIsUnreadable() throws IOException {
        PlantedInput.put(dir, "Gone/Gone_0001.png", TestImages.encode(TestImages.pattern(40, 40, true, 1), ImageFormat.PNG));
        List<InputFile> listing = InputListing.list(localFs(), new Path(dir.toUri()));
        Files.delete(dir.resolve("Gone/Gone_0001.png"));

        FileAnalysis verdict = analyzer(SETTINGS).analyse(listing.get(0), localFs(), new Path(dir.toUri()),
                new ImageDecoder(SETTINGS.limits()));

        assertEquals(RejectReason.UNREADABLE, verdict.reason());
        assertTrue(verdict.message().startsWith("Gone/Gone_0001.png: cannot be read"), verdict.message());
    }

    @Test
    void listingIsSortedRelativeAndClassified() throws IOException {
        PlantedInput.write(dir);
        List<InputFile> listing = InputListing.list(localFs(), new Path(dir.toUri()));

        List<String> paths = listing.stream().map(InputFile::path).toList();
        List<String> sorted = new ArrayList<>(paths);
        sorted.sort(String::compareTo);
        assertEquals(sorted, paths);
        Map<String, Placement> placements = new HashMap<>();
        listing.forEach(file -> placements.put(file.path(), file.placement()));
        assertEquals(Placement.PERSON, placements.get("Alice/Alice_0001.jpg"));
        assertEquals(Placement.ROOT, placements.get("README.txt"));
        assertEquals(Placement.NESTED, placements.get("Dave/extra/Dave_0009.jpg"));
        assertEquals(Placement.HIDDEN, placements.get(".DS_Store"));
        assertEquals(Files.size(dir.resolve("Alice/Alice_0002.png")),
                listing.stream().filter(f -> f.path().equals("Alice/Alice_0002.png")).findFirst().orElseThrow().sizeBytes());
    }

    @Test
    void namesWithUriSpecialCharactersResolveToTheirFiles() throws IOException {
        String odd = "Jean-Paul_L'Été #2/a:b c%20d.png";
        byte[] png = TestImages.encode(TestImages.pattern(40, 40, true, 1), ImageFormat.PNG);
        PlantedInput.put(dir, odd, png);

        List<InputFile> listing = InputListing.list(localFs(), new Path(dir.toUri()));

        assertEquals(List.of(odd), listing.stream().map(InputFile::path).toList());
        assertEquals("Jean-Paul_L'Été #2", listing.get(0).personId());
        FileAnalysis verdict = analyseAll(SETTINGS).get(odd);
        assertEquals(ImageIds.of(png), verdict.imageId());
    }

    private Map<String, FileAnalysis> analyseAll(AnalysisSettings settings) throws IOException {
        List<InputFile> listing = InputListing.list(localFs(), new Path(dir.toUri()));
        Map<String, FileAnalysis> verdicts = new HashMap<>();
        analyzer(settings).analyseAll(listing.iterator()).forEachRemaining(v -> verdicts.put(v.path(), v));
        assertEquals(listing.size(), verdicts.size());
        return verdicts;
    }

    private FileAnalyzer analyzer(AnalysisSettings settings) {
        return new FileAnalyzer(new SerializableHadoopConfiguration(new Configuration()), dir.toUri().toString(), settings);
    }

    private static FileSystem localFs() throws IOException {
        return FileSystem.getLocal(new Configuration());
    }
}
