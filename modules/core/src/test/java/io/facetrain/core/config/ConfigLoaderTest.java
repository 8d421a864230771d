package io.facetrain.core.config;

import com.typesafe.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @Test
    void bundledDefaultsCarryTheSparkSection() {
        Config config = ConfigLoader.defaults();
        assertEquals("local[*]", config.getString("facetrain.spark.master"));
        assertFalse(config.getBoolean("facetrain.spark.conf.\"spark.ui.enabled\""));
    }

    @Test
    void userFileOverridesDefaultsAndKeepsTheRest(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("my.conf");
        Files.writeString(file, "facetrain.spark.master = \"local[3]\"\n");
        Config config = ConfigLoader.load(Optional.of(file), List.of());
        assertEquals("local[3]", config.getString("facetrain.spark.master"));
        assertEquals("facetrain", config.getString("facetrain.spark.app-name"));
    }

    @Test
    void commandLineOverridesWinOverTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("my.conf");
        Files.writeString(file, "facetrain.spark.app-name = from-file\n");
        Config config = ConfigLoader.load(Optional.of(file),
                List.of("spark.app-name=from-flag", "facetrain.spark.master=local[2]"));
        assertEquals("from-flag", config.getString("facetrain.spark.app-name"));
        assertEquals("local[2]", config.getString("facetrain.spark.master"));
    }

    @Test
    void passThroughSectionsAcceptNewKeys() {
        Config config = ConfigLoader.load(Optional.empty(),
                List.of("spark.conf.\"spark.executor.memory\"=2g"));
        assertEquals("2g", config.getString("facetrain.spark.conf.\"spark.executor.memory\""));
    }

    @Test
    void unknownKeyIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.empty(), List.of("spark.mastr=local")));
        assertTrue(e.getMessage().contains("facetrain.spark.mastr"), e.getMessage());
    }

    @Test
    void overrideWithoutEqualsSignIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.empty(), List.of("spark.master")));
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
    }

    @Test
    void missingFileIsRejectedWithItsPath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.conf");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.of(missing), List.of()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void malformedFileIsRejectedWithItsPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "facetrain { spark { master = \n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(Optional.of(file), List.of()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
