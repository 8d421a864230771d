package io.facetrain.spark.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmOptionsTest {

    @Test
    void readsOneFlagPerLineSkippingCommentsAndBlankLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("jvm-options");
        Files.writeString(file, "# comment\n\n  --add-opens=java.base/java.nio=ALL-UNNAMED  \n-Dx=1\n   # indented comment\n");
        JvmOptions options = JvmOptions.read(file);
        assertEquals(List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dx=1"), options.flags());
        assertEquals("--add-opens=java.base/java.nio=ALL-UNNAMED -Dx=1", options.asOptionString());
    }

    @Test
    void twoFlagsOnOneLineAreRefusedWithTheLineNumber(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("jvm-options");
        Files.writeString(file, "-Da=1\n-Db=2 -Dc=3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JvmOptions.read(file));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void theRepositoryListHasTheAgronaExport() {
        JvmOptions options = JvmOptions.ofRepository();
        assertTrue(options.file().endsWith(Path.of("conf", "jvm-options")), options.file().toString());
        assertTrue(options.flags().contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"), options.flags()::toString);
    }

    @Test
    void theRootIsFoundFromAnyDirectoryBelowIt(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/jvm-options"), "-Dx=1\n");
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Path nested = Files.createDirectories(dir.resolve("modules/spark/target"));
        assertEquals(dir.toAbsolutePath().normalize(), RepositoryRoot.find(nested));
    }

    @Test
    void noRootIsAClearError(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RepositoryRoot.find(dir));
        assertTrue(e.getMessage().contains("conf/jvm-options"), e.getMessage());
    }
}
