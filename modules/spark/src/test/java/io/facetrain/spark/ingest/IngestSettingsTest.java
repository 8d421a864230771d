package io.facetrain.spark.ingest;

import com.typesafe.config.Config;
import io.facetrain.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestSettingsTest {

    @Test
    void defaultsComeFromTheBundledConfiguration() {
        IngestSettings settings = IngestSettings.builder(ConfigLoader.defaults()).input("in").output("out").build();

        assertEquals(32, settings.limits().minWidth());
        assertEquals(32, settings.limits().minHeight());
        assertEquals(50_000_000L, settings.limits().maxPixels());
        assertEquals(64L << 20, settings.maxFileBytes());
        assertEquals(64L << 20, settings.targetShardBytes());
        assertEquals("null", settings.codec());
        assertEquals(Optional.empty(), settings.dataset());
        assertTrue(settings.shards().isEmpty());
    }

    @Test
    void overriddenKeysAreUsed() {
        Config config = ConfigLoader.load(Optional.empty(), List.of("ingest.min-width=8", "ingest.max-file-bytes=1M",
                "ingest.codec=deflate-3"));
        IngestSettings settings = IngestSettings.builder(config).input("in").output("out").dataset(" lfw ").shards(4).build();

        assertEquals(8, settings.limits().minWidth());
        assertEquals(1L << 20, settings.maxFileBytes());
        assertEquals("deflate-3", settings.codec());
        assertEquals(Optional.of("lfw"), settings.dataset());
        assertEquals(4, settings.shards().getAsInt());
    }

    @Test
    void badValuesAreNamed() {
        assertMessage("--shards must be at least 1, got 0", builder().shards(0));
        assertMessage("--shards must be at least 1, got -2", builder().shards(-2));
        assertMessage("--dataset must not be blank", builder().dataset("  "));
        assertMessage("--input is required", builder().input(" "));
        assertMessage("--out is required", builder().output(null));
        assertMessage("facetrain.ingest.min-width must be at least 1, got 0", builder().minWidth(0));
        assertMessage("facetrain.ingest.min-height must be at least 1, got -1", builder().minHeight(-1));
        assertMessage("facetrain.ingest.max-file-bytes must be between 1 and 2 GB", builder().maxFileBytes(0));
        assertMessage("facetrain.ingest.target-shard-bytes must be positive", builder().targetShardBytes(0));
        Config badCodec = ConfigLoader.load(Optional.empty(), List.of("ingest.codec=lzma9"));
        assertMessage("facetrain.ingest.codec: unknown Avro codec 'lzma9'",
                IngestSettings.builder(badCodec).input("in").output("out"));
    }

    @Test
    void aMissingSectionIsNamed() {
        Config empty = com.typesafe.config.ConfigFactory.parseString("facetrain {}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IngestSettings.builder(empty));
        assertTrue(e.getMessage().startsWith("invalid facetrain.ingest configuration"), e.getMessage());
    }

    private static IngestSettings.Builder builder() {
        return IngestSettings.builder(ConfigLoader.defaults()).input("in").output("out");
    }

    private static void assertMessage(String expectedStart, IngestSettings.Builder builder) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
