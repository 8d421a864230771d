package io.facetrain.core.data;

import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.schema.FaceImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class FaceShardsTest {

    @TempDir
    Path dir;

    private static Map<String, List<BufferedImage>> persons() {
        Map<String, List<BufferedImage>> m = new LinkedHashMap<>();
        m.put("Zed_Last", List.of(TestShards.image(40, 0x336699, 0), TestShards.image(40, 0x336699, 5)));
        m.put("Ann_First", List.of(TestShards.image(40, 0x993311, 1), TestShards.image(40, 0x993311, 7),
                TestShards.image(40, 0x993311, 9)));
        m.put("Solo", List.of(TestShards.image(40, 0x119933, 3)));
        return m;
    }

    @Test
    void streamsEveryRecordOfEveryShard() {
        Path ds = dir.resolve("ds");
        TestShards.write(ds, persons(), 2);
        FaceShards shards = FaceShards.open(ds);
        assertEquals(2, shards.shardFiles().size());
        List<FaceImage> records = new ArrayList<>();
        shards.forEach(records::add);
        assertEquals(6, records.size());
        assertEquals(6, shards.count());
        assertTrue(records.stream().anyMatch(r -> r.getSourcePath().equals("Ann_First/Ann_First_0003.png")));
    }

    @Test
    void loaderCachesCroppedImagesOrderedByPersonIndependentlyOfShards() {
        Path one = dir.resolve("one");
        Path three = dir.resolve("three");
        TestShards.write(one, persons(), 1);
        TestShards.write(three, persons(), 3);
        PreprocessConfig c = PreprocessConfig.builder().inputSize(16).cropFraction(1.0).jitterFraction(0).build();
        FaceImageSet a = new FaceImageSetLoader(c, 2, 1 << 20).load(FaceShards.open(one));
        FaceImageSet b = new FaceImageSetLoader(c, 1, 1 << 20).load(FaceShards.open(three));
        assertEquals(6, a.size());
        assertEquals(List.of("Ann_First", "Solo", "Zed_Last"), a.personIds());
        assertEquals(0, a.label(0));
        assertEquals("Ann_First/Ann_First_0001.png", a.sourcePath(0));
        assertEquals(3 * 16 * 16, a.pixels(0).length);
        for (int i = 0; i < 6; i++) {
            assertEquals(a.imageId(i), b.imageId(i));
            assertEquals(a.label(i), b.label(i));
            assertTrue(java.util.Arrays.equals(a.pixels(i), b.pixels(i)));
        }
        // The person's colour survives the crop: Ann's images are reddish.
        assertEquals(0x99, a.pixels(0)[2 * 16 + 10] & 0xff);
    }

    @Test
    void loaderRefusesToExceedTheCacheLimit() {
        Path ds = dir.resolve("ds");
        TestShards.write(ds, persons(), 1);
        PreprocessConfig c = PreprocessConfig.builder().inputSize(16).jitterFraction(0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FaceImageSetLoader(c, 1, 1000).load(FaceShards.open(ds)));
        assertTrue(e.getMessage().contains("cache limit"), e.getMessage());
    }

    @Test
    void missingOrEmptyDatasetsAreNamed() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaceShards.open(dir.resolve("no")));
        assertTrue(e.getMessage().contains("no shards/ directory"), e.getMessage());
        Files.createDirectories(dir.resolve("empty/shards"));
        e = assertThrows(IllegalArgumentException.class, () -> FaceShards.open(dir.resolve("empty")));
        assertTrue(e.getMessage().contains("no shard files"), e.getMessage());
    }
}
