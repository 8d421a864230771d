package io.facetrain.cli.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs deploy/spark-submit.sh in a child process, on loopback, with a time limit. */
final class SubmitScript {

    record Result(int exitCode, String output) {
    }

    private final Path script;
    private final Path sparkHome;
    private final Duration timeout;

    SubmitScript(Path script, Path sparkHome, Duration timeout) {
        this.script = script;
        this.sparkHome = sparkHome;
        this.timeout = timeout;
    }

    /**
     * Runs the script with {@code arguments} (spark-submit options, "--", the facetrain command line) and
     * {@code environment} added; stdout and stderr are captured together.
     */
    Result run(Path workDir, Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(workDir, "spark-submit-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        env.remove("OMP_NUM_THREADS");
        env.remove("SPARK_CONF_DIR");
        env.putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("spark-submit.sh " + String.join(" ", arguments) + " did not finish within "
                        + timeout.toSeconds() + " s; output so far:\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
