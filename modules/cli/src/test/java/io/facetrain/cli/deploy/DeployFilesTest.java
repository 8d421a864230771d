package io.facetrain.cli.deploy;

import io.facetrain.spark.testing.JvmOptions;
import io.facetrain.spark.testing.RepositoryRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The files of deploy/ that no build step uses, kept consistent with the code. */
class DeployFilesTest {

    private static final Pattern JAVA_OPTIONS = Pattern.compile(
            "^\\s*(spark\\.(?:driver|executor)\\.extraJavaOptions):\\s*\"([^\"]*)\"\\s*$");

    private final Path root = RepositoryRoot.find();

    /** spark-operator does not run deploy/spark-submit.sh: its manifests carry the flags themselves. */
    @Test
    void kubernetesManifestsGiveDriverAndExecutorsTheFlagsOfJvmOptions() throws IOException {
        List<String> flags = JvmOptions.ofRepository().flags();
        List<Path> manifests;
        try (Stream<Path> files = Files.list(root.resolve("deploy/kubernetes"))) {
            manifests = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        int checked = 0;
        for (Path manifest : manifests) {
            for (String line : Files.readAllLines(manifest)) {
                Matcher matcher = JAVA_OPTIONS.matcher(line);
                if (matcher.matches()) {
                    List<String> options = Arrays.asList(matcher.group(2).split(" "));
                    List<String> missing = new ArrayList<>(flags);
                    missing.removeAll(options);
                    assertEquals(List.of(), missing, manifest.getFileName() + " " + matcher.group(1) + " lacks flags");
                    checked++;
                }
            }
        }
        assertTrue(checked >= 6, "expected driver and executor options in three SparkApplication specs, found " + checked);
    }

    @Test
    void theDockerfileCopiesFilesThatExist() throws IOException {
        List<String> sources = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("deploy/docker/Dockerfile"))) {
            if (line.startsWith("COPY ")) {
                List<String> words = Arrays.asList(line.substring(5).trim().split("\\s+"));
                sources.addAll(words.subList(0, words.size() - 1));
            }
        }
        assertFalse(sources.isEmpty());
        for (String source : sources) {
            if (!source.contains("*")) {
                assertTrue(Files.isRegularFile(root.resolve(source)), "Dockerfile copies missing " + source);
            }
        }
    }

    @Test
    @Timeout(30)
    void gpuDiscoveryScriptReportsTheGpusNvidiaSmiLists(@TempDir Path dir) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path nvidiaSmi = bin.resolve("nvidia-smi");
        Files.writeString(nvidiaSmi, "#!/bin/sh\nprintf '0\\n 1\\n'\n");
        assertTrue(nvidiaSmi.toFile().setExecutable(true));
        Result found = discover(dir, bin + ":/usr/bin:/bin");
        assertEquals(0, found.exitCode(), found.output());
        assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}", found.output().trim());

        Result none = discover(dir, dir.resolve("empty-path").toString());
        assertEquals(1, none.exitCode(), none.output());
        assertTrue(none.output().contains("nvidia-smi not found"), none.output());
    }

    private record Result(int exitCode, String output) {
    }

    private Result discover(Path dir, String path) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, "discovery-", ".out");
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", root.resolve("deploy/gpu/getGpusResources.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("PATH", path);
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("getGpusResources.sh did not finish");
        }
        return new Result(process.exitValue(), Files.readString(output));
    }
}
