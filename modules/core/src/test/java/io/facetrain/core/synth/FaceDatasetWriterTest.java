package io.facetrain.core.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceDatasetWriterTest {

    private static GeneratorSettings settings(int persons, int images, int threads) {
        return GeneratorSettings.builder().persons(persons).imagesPerPerson(images).size(48).seed(17)
                .threads(threads).build();
    }

    /** Relative path of every file below {@code root} → SHA-256 of its bytes. */
    private static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                digests.put(root.relativize(file).toString().replace('\\', '/'), sha256(Files.readAllBytes(file)));
            }
        }
        return digests;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Test
    @Timeout(60)
    void filesAreByteIdenticalWhateverTheThreadCount(@TempDir Path dir) throws Exception {
        Path single = dir.resolve("one-thread");
        Path parallel = dir.resolve("three-threads");
        new FaceDatasetWriter(settings(7, 3, 1)).write(single, (done, total) -> { });
        new FaceDatasetWriter(settings(7, 3, 3)).write(parallel, (done, total) -> { });
        Map<String, String> expected = digests(single);
        assertEquals(21, expected.size());
        assertEquals(expected, digests(parallel));
    }

    @Test
    @Timeout(60)
    void writesThePersonPerFolderLayoutAndNothingElse(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("faces");
        FaceDatasetWriter.Summary summary = new FaceDatasetWriter(settings(3, 2, 2)).write(out, (done, total) -> { });
        assertEquals(List.of("synth_00001/synth_00001_0001.png", "synth_00001/synth_00001_0002.png",
                        "synth_00002/synth_00002_0001.png", "synth_00002/synth_00002_0002.png",
                        "synth_00003/synth_00003_0001.png", "synth_00003/synth_00003_0002.png"),
                new ArrayList<>(digests(out).keySet()));
        assertEquals(3, summary.persons());
        assertEquals(6, summary.images());
        long bytes = 0;
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(file);
            }
        }
        assertEquals(bytes, summary.bytes());
    }

    @Test
    @Timeout(60)
    void aPersonIsTheSameWhateverTheDatasetSize(@TempDir Path dir) throws Exception {
        new FaceDatasetWriter(settings(2, 2, 1)).write(dir.resolve("small"), (done, total) -> { });
        new FaceDatasetWriter(settings(5, 3, 2)).write(dir.resolve("large"), (done, total) -> { });
        Map<String, String> small = digests(dir.resolve("small"));
        Map<String, String> large = digests(dir.resolve("large"));
        for (Map.Entry<String, String> file : small.entrySet()) {
            assertEquals(file.getValue(), large.get(file.getKey()), file.getKey());
        }
    }

    @Test
    @Timeout(60)
    void pngFilesHoldExactlyTheRenderedPixels(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("faces");
        new FaceDatasetWriter(settings(3, 2, 1)).write(out, (done, total) -> { });
        SyntheticFaces faces = new SyntheticFaces(17, 48);
        assertArrayEquals(SyntheticFacesTest.pixels(faces.render(2, 1)),
                SyntheticFacesTest.pixels(SynthLayout.readImage(out, 2, 1)));
    }

    @Test
    @Timeout(60)
    void progressIsReportedOncePerPersonInOrder(@TempDir Path dir) throws Exception {
        List<Integer> done = new ArrayList<>();
        new FaceDatasetWriter(settings(4, 1, 2)).write(dir.resolve("faces"), (count, total) -> {
            assertEquals(4, total);
            done.add(count);
        });
        assertEquals(List.of(1, 2, 3, 4), done);
    }

    @Test
    void refusesANonEmptyDirectoryAndWritesNothing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("keep.txt"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FaceDatasetWriter(settings(2, 1, 1)).write(dir, (done, total) -> { }));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(1, entries.count());
        }
    }

    @Test
    void refusesAFileAsOutput(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaceDatasetWriter.requireFreshOutput(file));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }

    @Test
    @Timeout(60)
    void acceptsAnEmptyExistingDirectory(@TempDir Path dir) throws Exception {
        new FaceDatasetWriter(settings(2, 1, 1)).write(dir, (done, total) -> { });
        assertTrue(Files.isRegularFile(dir.resolve("synth_00002/synth_00002_0001.png")));
        assertFalse(Files.exists(dir.resolve("synth_00003")));
    }
}
