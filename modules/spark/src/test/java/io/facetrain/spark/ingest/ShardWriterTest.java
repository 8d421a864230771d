package io.facetrain.spark.ingest;

import io.facetrain.core.image.TestImages;
import io.facetrain.schema.FaceImage;
import io.facetrain.schema.ImageFormat;
import io.facetrain.spark.SerializableHadoopConfiguration;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardWriterTest {

    private static final Instant FIRST = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant SECOND = Instant.parse("2024-02-01T00:00:00Z");

    @TempDir
    java.nio.file.Path dir;

    @Test
    void writesEntriesInOrderWithTheirBytes() throws IOException {
        java.nio.file.Path input = dir.resolve("in");
        List<ShardEntry> plan = List.of(entry(input, "Ann/Ann_1.png", 1), entry(input, "Ann/Ann_2.png", 2),
                entry(input, "Ben_X/Ben_X_1.png", 3));

        ShardWriteResult result = writer(input, FIRST).write(0, "t1", plan.iterator());

        assertEquals(3, result.records());
        assertEquals(3, result.readFromInput());
        assertEquals(0, result.copied());
        List<FaceImage> records = read(result.temporaryPath());
        assertEquals(List.of("Ann/Ann_1.png", "Ann/Ann_2.png", "Ben_X/Ben_X_1.png"),
                records.stream().map(FaceImage::getSourcePath).toList());
        FaceImage ben = records.get(2);
        assertEquals("Ben X", ben.getPersonName());
        assertEquals("demo", ben.getDataset());
        assertEquals(FIRST, ben.getIngestTime());
        assertEquals(ImageFormat.PNG, ben.getFormat());
        assertArrayEquals(Files.readAllBytes(input.resolve("Ben_X/Ben_X_1.png")), bytes(ben));
        assertEquals(ImageIds.of(bytes(ben)), ben.getImageId());
        assertTrue(result.temporaryPath().endsWith(".part-00000.avro.t1.tmp"), result.temporaryPath());
    }

    @Test
    void aRewriteCopiesKnownImagesAndReadsOnlyNewOnes() throws IOException {
        java.nio.file.Path input = dir.resolve("in");
        List<ShardEntry> first = List.of(entry(input, "Ann/Ann_1.png", 1), entry(input, "Ben/Ben_1.png", 3));
        commit(writer(input, FIRST).write(0, "t1", first.iterator()));
        List<ShardEntry> second = List.of(first.get(0), entry(input, "Ann/Ann_2.png", 2), entry(input, "Ann/Ann_3.png", 4),
                first.get(1));

        ShardWriteResult result = writer(input, SECOND).write(0, "t2", second.iterator());

        assertEquals(4, result.records());
        assertEquals(2, result.copied());
        assertEquals(2, result.readFromInput());
        List<FaceImage> records = read(result.temporaryPath());
        assertEquals(List.of(FIRST, SECOND, SECOND, FIRST), records.stream().map(FaceImage::getIngestTime).toList());
        assertEquals(second.stream().map(ShardEntry::imageId).toList(), records.stream().map(FaceImage::getImageId).toList());
    }

    @Test
    void anImageDroppedFromThePlanIsDroppedFromTheShard() throws IOException {
        java.nio.file.Path input = dir.resolve("in");
        List<ShardEntry> first = List.of(entry(input, "Ann/Ann_1.png", 1), entry(input, "Ann/Ann_2.png", 2),
                entry(input, "Ben/Ben_1.png", 3));
        commit(writer(input, FIRST).write(0, "t1", first.iterator()));

        ShardWriteResult result = writer(input, SECOND).write(0, "t2", List.of(first.get(0), first.get(2)).iterator());

        assertEquals(2, result.copied());
        assertEquals(List.of("Ann/Ann_1.png", "Ben/Ben_1.png"),
                read(result.temporaryPath()).stream().map(FaceImage::getSourcePath).toList());
    }

    @Test
    void aFileChangedSinceItsAnalysisFailsTheTask() throws IOException {
        java.nio.file.Path input = dir.resolve("in");
        ShardEntry entry = entry(input, "Ann/Ann_1.png", 1);
        byte[] sameLengthOtherBytes = Files.readAllBytes(input.resolve("Ann/Ann_1.png"));
        sameLengthOtherBytes[sameLengthOtherBytes.length - 20] ^= 1;
        Files.write(input.resolve("Ann/Ann_1.png"), sameLengthOtherBytes);

        IOException e = assertThrows(IOException.class, () -> writer(input, FIRST).write(0, "t1", List.of(entry).iterator()));
        assertTrue(e.getMessage().contains("Ann/Ann_1.png changed while ingest was running (SHA-256"), e.getMessage());

        Files.write(input.resolve("Ann/Ann_1.png"), TestImages.encode(TestImages.pattern(40, 40, true, 99), ImageFormat.PNG));
        IOException grown = assertThrows(IOException.class, () -> writer(input, FIRST).write(0, "t2", List.of(entry).iterator()));
        assertTrue(grown.getMessage().contains("Ann/Ann_1.png changed while ingest was running"), grown.getMessage());
    }

    @Test
    void anEntryOfAnotherShardIsAnError() throws IOException {
        java.nio.file.Path input = dir.resolve("in");
        ShardEntry entry = entry(input, "Ann/Ann_1.png", 1);
        ShardEntry elsewhere = new ShardEntry(1, entry.personId(), entry.path(), entry.imageId(), entry.format(),
                entry.width(), entry.height(), entry.channels(), entry.sizeBytes());

        assertThrows(IllegalStateException.class, () -> writer(input, FIRST).write(0, "t1", List.of(elsewhere).iterator()));
    }

    private ShardWriter writer(java.nio.file.Path input, Instant time) {
        return new ShardWriter(new SerializableHadoopConfiguration(new Configuration()), input.toUri().toString(),
                dir.resolve("out").toUri().toString(), "demo", 1, "run", time, "null", Set.of(0));
    }

    private static ShardEntry entry(java.nio.file.Path input, String path, int seed) throws IOException {
        byte[] png = TestImages.encode(TestImages.pattern(40, 40, true, seed), ImageFormat.PNG);
        PlantedInput.put(input, path, png);
        return new ShardEntry(0, path.substring(0, path.indexOf('/')), path, ImageIds.of(png), ImageFormat.PNG, 40, 40, 3,
                png.length);
    }

    private void commit(ShardWriteResult result) throws IOException {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        DatasetLayout layout = new DatasetLayout(new Path(dir.resolve("out").toUri()));
        DatasetCommit.commit(fs, layout, "test", List.of(new DatasetCommit.Rename(result.temporaryPath(),
                layout.shard(result.shard()).toString())));
    }

    private static List<FaceImage> read(String file) throws IOException {
        List<FaceImage> records = new ArrayList<>();
        try (DataFileReader<FaceImage> reader = new DataFileReader<>(new File(new Path(file).toUri()),
                new SpecificDatumReader<>(FaceImage.class))) {
            reader.forEach(records::add);
        }
        return records;
    }

    private static byte[] bytes(FaceImage image) {
        ByteBuffer buffer = image.getBytes().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
