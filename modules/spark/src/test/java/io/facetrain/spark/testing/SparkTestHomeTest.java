package io.facetrain.spark.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkTestHomeTest {

    @Test
    void laysOutWhatSparksLauncherLooksForInANewDirectory(@TempDir Path dir) {
        Path home = dir.resolve("spark-home");
        assertEquals(home, SparkTestHome.prepare(home.toString(), "2.12"));
        assertTrue(Files.isDirectory(home.resolve("jars")));
        assertTrue(Files.isDirectory(home.resolve("launcher/target/scala-2.12")));
        assertTrue(Files.isRegularFile(home.resolve(SparkTestHome.MARKER)));
    }

    @Test
    void preparingTwiceKeepsExecutorLogs(@TempDir Path dir) throws IOException {
        Path home = SparkTestHome.prepare(dir.toString(), "2.12");
        Path log = Files.createDirectories(home.resolve("work/app-1/0")).resolve("stderr");
        Files.writeString(log, "executor output");
        SparkTestHome.prepare(dir.toString(), "2.12");
        assertEquals("executor output", Files.readString(log));
    }

    @Test
    void aDirectoryItDidNotMakeIsRefusedUntouched(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("jars"));
        Files.writeString(dir.resolve("RELEASE"), "Spark 3.5.1");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SparkTestHome.prepare(dir.toString(), "2.12"));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("launcher")));
    }

    @Test
    void aMissingVariableNamesSparkHome() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SparkTestHome.prepare(null, "2.12"));
        assertTrue(e.getMessage().contains("SPARK_HOME"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> SparkTestHome.prepare(" ", "2.12"));
    }
}
