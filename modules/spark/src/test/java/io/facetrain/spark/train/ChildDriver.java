package io.facetrain.spark.train;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Starts {@link TrainingDriverProcess}: a distributed training driver in a JVM of its own, as a user's would be. */
final class ChildDriver {

    private ChildDriver() {
    }

    /**
     * @param scratch  Spark's and the media driver's local directory for the child (a killed driver cannot
     *                 clean it up)
     * @param settings {@code key=value} overrides of the run's configuration
     * @param log      where the child's output goes
     */
    static Process start(Path dataset, Path out, Path checkpoints, Path scratch, String[] settings, Path log)
            throws IOException {
        Files.createDirectories(scratch);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // The module flags Spark and Agrona need on Java 17; not the parent's heap size or agents.
            if (flag.startsWith("--add-") || flag.startsWith("-Djdk.reflect")
                    || flag.equals("-XX:+IgnoreUnrecognizedVMOptions")) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-Xmx1g", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                TrainingDriverProcess.class.getName(), dataset.toString(), out.toString(), checkpoints.toString(),
                scratch.toString()));
        command.addAll(Arrays.asList(settings));
        command.add("paramserver.driver.directory-parent=" + scratch);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    /** The end of a child's log, for failure messages. */
    static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 4000));
    }
}
