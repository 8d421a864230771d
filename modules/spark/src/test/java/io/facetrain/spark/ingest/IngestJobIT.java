package io.facetrain.spark.ingest;

import io.facetrain.core.config.ConfigLoader;
import io.facetrain.core.image.DecodedImage;
import io.facetrain.core.image.ImageDecoder;
import io.facetrain.core.image.ImageRejectedException;
import io.facetrain.core.image.TestImages;
import io.facetrain.core.synth.FaceDatasetWriter;
import io.facetrain.core.synth.GeneratorSettings;
import io.facetrain.core.synth.SynthLayout;
import io.facetrain.schema.FaceImage;
import io.facetrain.schema.ImageFormat;
import io.facetrain.schema.IngestReject;
import io.facetrain.schema.RejectReason;
import io.facetrain.spark.testing.LocalSpark;
import io.facetrain.spark.testing.RepositoryRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The ingest job end to end in Spark local[2] (one context for the class, from the shared fixture). */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IngestJobIT {

    /** The shared datasets live next to the repository: ../shared/datasets from its root. */
    private static final Path ORL = RepositoryRoot.find().resolve("../shared/datasets/orl").normalize();

    @RegisterExtension
    static final LocalSpark SPARK = LocalSpark.threads(2);

    @TempDir
    Path dir;

    @Test
    void plantedBadFilesAreEachRejectedWithTheirReason() throws Exception {
        Path input = dir.resolve("in");
        PlantedInput.write(input);
        Path out = dir.resolve("planted");

        IngestResult result = ingest(input, out, 3);

        IngestSummary summary = result.summary();
        assertEquals("planted", summary.dataset());
        assertEquals(PlantedInput.IMAGES.size(), summary.persons());
        assertEquals(PlantedInput.images(), summary.images());
        assertEquals(PlantedInput.REJECTS.size(), summary.rejected());
        assertEquals(2, summary.rejected(RejectReason.MISPLACED));
        assertEquals(0, summary.rejected(RejectReason.UNREADABLE));
        assertEquals(Set.of("README.txt", ".DS_Store"),
                summary.skipped().stream().map(IngestSummary.SkippedFile::path).collect(Collectors.toSet()));

        Map<String, RejectReason> rejected = new TreeMap<>();
        for (IngestReject reject : DatasetFiles.rejects(out)) {
            rejected.put(reject.getSourcePath(), reject.getReason());
            assertEquals("planted", reject.getDataset());
            assertTrue(reject.getMessage().contains(reject.getSourcePath()), reject.getMessage());
            if (reject.getReason() == RejectReason.DUPLICATE) {
                assertEquals(PlantedInput.DUPLICATED, reject.getDuplicateOf());
                assertEquals("Carol", reject.getPersonId());
            }
        }
        assertEquals(PlantedInput.REJECTS, rejected);

        Map<String, Integer> imagesPerPerson = new TreeMap<>();
        ImageDecoder decoder = new ImageDecoder();
        for (List<FaceImage> shard : DatasetFiles.shards(out).values()) {
            for (FaceImage image : shard) {
                byte[] bytes = DatasetFiles.bytes(image);
                assertArrayEquals(Files.readAllBytes(input.resolve(image.getSourcePath())), bytes);
                assertEquals(ImageIds.of(bytes), image.getImageId());
                DecodedImage decoded = decoder.decode(bytes, image.getSourcePath());
                assertEquals(decoded.width(), image.getWidth());
                assertEquals(decoded.channels(), image.getChannels());
                assertEquals(decoded.format(), image.getFormat());
                imagesPerPerson.merge(image.getPersonId(), 1, Integer::sum);
            }
        }
        assertEquals(new TreeMap<>(PlantedInput.IMAGES), imagesPerPerson);
        assertEquals(3, DatasetFiles.shards(out).size());
        DatasetFiles.shardOfPerson(out);
        assertEquals(summary.toJson(), Files.readString(out.resolve("_summary.json")));
    }

    @Test
    void rerunningOverTheSameInputChangesNothing() throws IOException {
        Path input = dir.resolve("in");
        PlantedInput.write(input);
        Path out = dir.resolve("out");
        ingest(input, out, 2);
        Map<String, DatasetFiles.FileState> before = DatasetFiles.snapshot(out);

        IngestResult again = ingest(input, out, null);

        assertFalse(again.report().changedAnything(), again.report().toString());
        assertEquals(0, again.report().filesExamined());
        assertEquals(again.report().filesListed(), again.report().filesUnchanged());
        assertEquals(before, DatasetFiles.snapshot(out), "a re-run must not touch any file");
        assertEquals(PlantedInput.REJECTS.size(), again.summary().rejected());
    }

    @Test
    void generatedFacesWithPlantedCorruptionThenIncrementalAdditions() throws Exception {
        Path input = dir.resolve("synth");
        new FaceDatasetWriter(GeneratorSettings.builder().persons(12).imagesPerPerson(4).size(48).seed(5).threads(1).build())
                .write(input, (done, total) -> { });
        Path truncated = SynthLayout.imagePath(input, 2, 1);
        byte[] original = Files.readAllBytes(truncated);
        Files.write(truncated, TestImages.truncate(original, 0.7));
        Files.write(SynthLayout.imagePath(input, 3, 0), new byte[0]);
        Files.writeString(input.resolve(SynthLayout.personId(4)).resolve("thumbs.db"), "not an image");
        Path out = dir.resolve("dataset");

        IngestResult first = ingest(input, out, 8);

        assertEquals(12, first.summary().persons());
        assertEquals(12 * 4 - 2, first.summary().images());
        assertEquals(1, first.summary().rejected(RejectReason.TRUNCATED));
        assertEquals(1, first.summary().rejected(RejectReason.EMPTY_FILE));
        assertEquals(1, first.summary().rejected(RejectReason.NOT_AN_IMAGE));
        Map<String, DatasetFiles.FileState> before = DatasetFiles.snapshot(out);

        // New person; new image for an existing person; the truncated file repaired; and a copy of an
        // existing image under a path that sorts first, which becomes the kept copy.
        String newcomer = "synth_09999";
        PlantedInput.put(input, newcomer + "/" + newcomer + "_0001.png", TestImages.encode(TestImages.pattern(48, 48, true, 71), ImageFormat.PNG));
        PlantedInput.put(input, newcomer + "/" + newcomer + "_0002.png", TestImages.encode(TestImages.pattern(48, 48, true, 72), ImageFormat.PNG));
        PlantedInput.put(input, SynthLayout.personId(1) + "/" + SynthLayout.personId(1) + "_0005.png",
                TestImages.encode(TestImages.pattern(48, 48, true, 73), ImageFormat.PNG));
        Files.write(truncated, original);
        String earlier = "aaa_first";
        PlantedInput.put(input, earlier + "/copy.png", Files.readAllBytes(SynthLayout.imagePath(input, 5, 0)));
        Set<Integer> affected = new TreeSet<>();
        for (String person : List.of(newcomer, SynthLayout.personId(1), SynthLayout.personId(2), earlier,
                SynthLayout.personId(5))) {
            affected.add(ShardAssigner.shardOf(person, 8));
        }
        assertTrue(affected.size() < 8, "the test needs at least one shard that stays untouched");

        IngestResult second = ingest(input, out, null);

        assertEquals(List.copyOf(affected), second.report().shardsWritten());
        assertEquals(5, second.report().filesExamined(), "only new and changed files are read");
        assertEquals(14, second.summary().persons());
        assertEquals(12 * 4 - 2 + 2 + 1 + 1, second.summary().images());
        assertEquals(0, second.summary().rejected(RejectReason.TRUNCATED));
        IngestReject duplicate = DatasetFiles.rejects(out).stream()
                .filter(r -> r.getReason() == RejectReason.DUPLICATE).findFirst().orElseThrow();
        assertEquals(earlier + "/copy.png", duplicate.getDuplicateOf());
        Map<String, DatasetFiles.FileState> after = DatasetFiles.snapshot(out);
        for (int shard = 0; shard < 8; shard++) {
            String file = "shards/" + DatasetLayout.shardFileName(shard);
            if (affected.contains(shard)) {
                assertFalse(before.get(file).equals(after.get(file)), file + " should have been rewritten");
            } else {
                assertEquals(before.get(file), after.get(file), file + " must not be touched");
            }
        }
        DatasetFiles.shardOfPerson(out);

        Path fresh = dir.resolve("fresh");
        ingest(input, fresh, 8);
        assertEquals(DatasetFiles.content(fresh), DatasetFiles.content(out),
                "two runs must give the same dataset as one run over the final input");

        IngestResult third = ingest(input, out, null);
        assertFalse(third.report().changedAnything());
        assertEquals(after, DatasetFiles.snapshot(out));
    }

    @Test
    void changedLimitsExamineEveryFileAgain() throws IOException {
        Path input = dir.resolve("in");
        PlantedInput.write(input);
        Path out = dir.resolve("out");
        ingest(input, out, 2);

        IngestSettings stricter = IngestSettings.builder(ConfigLoader.defaults()).input(input.toString())
                .output(out.toString()).minWidth(45).build();
        IngestResult result = IngestJob.prepare(stricter, SPARK.context().hadoopConfiguration()).run(SPARK.context());

        assertEquals(result.report().filesListed() - 2, result.report().filesExamined(),
                "every file but the two judged by path alone (nested, hidden) is read again");
        // Carol's 40-px BMP and Dave's 33-px PNG are now too small: Carol has no image left.
        assertEquals(3, result.summary().rejected(RejectReason.TOO_SMALL));
        assertEquals(PlantedInput.images() - 2, result.summary().images());
        assertEquals(PlantedInput.IMAGES.size() - 2, result.summary().persons());
    }

    @Test
    void orlIngestsFortyPersonsOfTenImages() throws IOException, ImageRejectedException {
        assumeTrue(Files.isDirectory(ORL), "ORL faces not present at " + ORL.toAbsolutePath());
        Path out = dir.resolve("orl");

        IngestResult result = ingest(ORL, out, 4);

        IngestSummary summary = result.summary();
        assertEquals(40, summary.persons());
        assertEquals(400, summary.images());
        assertEquals(0, summary.rejected());
        assertEquals(Map.of(10, 40), summary.imagesPerPerson());
        assertEquals(Map.of("PGM", 400), summary.formats());
        assertEquals(Map.of(1, 400), summary.channels());
        assertEquals(List.of("README-original.txt"), summary.skipped().stream().map(IngestSummary.SkippedFile::path).toList());
        assertEquals(40, DatasetFiles.shardOfPerson(out).size());
        FaceImage first = DatasetFiles.shards(out).values().stream().flatMap(List::stream).findFirst().orElseThrow();
        DecodedImage decoded = new ImageDecoder().decode(DatasetFiles.bytes(first), first.getSourcePath());
        assertEquals(92, decoded.width());
        assertEquals(112, decoded.height());
    }

    private IngestResult ingest(Path input, Path out, Integer shards) {
        IngestSettings settings = IngestSettings.builder(ConfigLoader.defaults())
                .input(input.toString()).output(out.toString()).shards(shards).build();
        return IngestJob.prepare(settings, SPARK.context().hadoopConfiguration()).run(SPARK.context());
    }
}
