package io.facetrain.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/facetrain as the README runs it: a child process on the jars the package phase copies to
 * target/lib, not on Maven's test class path. A dependency missing from that directory (such as Hadoop's
 * shaded runtime, without which no Hadoop Configuration loads) fails here and nowhere else.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LauncherIT {

    @TempDir
    Path dir;

    @Test
    void launcherTrainsOnSparkAndPublishes() throws IOException, InterruptedException {
        Path dataset = TinyTraining.dataset(dir, 16, 4);
        Path registry = dir.resolve("registry");

        Launch launch = launch(TinyTraining.arguments("train", "--data", dataset.toString(), "--registry",
                registry.toString(), "--model", "faces", "--workers", "2", "--master", "local[2]"));

        assertEquals(0, launch.exitCode(), launch.output());
        assertTrue(launch.output().contains("published faces v0001 (latest)"), launch.output());
        assertTrue(Files.isRegularFile(registry.resolve("faces/v0001/_COMMITTED")), launch.output());
    }

    private record Launch(int exitCode, String output) {
    }

    private Launch launch(String... arguments) throws IOException, InterruptedException {
        // failsafe runs in the module directory, modules/cli
        Path launcher = Path.of("").toAbsolutePath().resolve("../../bin/facetrain").normalize();
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(arguments));
        Path log = dir.resolve("launcher.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        env.put("FACETRAIN_HEAP", "1g");
        env.put("OMP_NUM_THREADS", "1");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        try {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                throw new IllegalStateException("bin/facetrain did not finish within 3 minutes:\n" + Files.readString(log));
            }
            return new Launch(process.exitValue(), Files.readString(log));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
