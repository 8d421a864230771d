package io.facetrain.spark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The directory Spark's standalone Worker treats as the Spark installation when local-cluster starts executor
 * JVMs. Spark 3.5 takes it from the {@code SPARK_HOME} environment variable (there is no Spark property for it;
 * without the variable it uses the working directory, and only Spark's own test mode, {@code -Dspark.testing},
 * reads a system property instead), builds each executor's class path from it and puts the
 * executors' work directories (their stdout and stderr) under {@code work/}. No Spark distribution is needed:
 * the executors get the test class path through {@code spark.executor.extraClassPath}; the launcher only
 * requires an (empty) {@code jars/} directory and a {@code launcher/target/scala-<version>} directory from
 * which it infers the Scala version.
 * <p>
 * The failsafe configuration of the parent pom sets {@code SPARK_HOME} to {@code target/spark-home} of each
 * module. This class lays that directory out; it refuses a directory it did not create (such as a real Spark
 * installation, whose jars would end up on the executors' class path next to the test's).
 */
final class SparkTestHome {

    /** Written into every directory this class lays out, so that later runs recognise it. */
    static final String MARKER = ".facetrain-spark-test-home";

    private SparkTestHome() {
    }

    /**
     * Lays out (if needed) and returns the Spark home named by {@code sparkHomeVariable}, the value of the
     * SPARK_HOME environment variable.
     *
     * @param scalaBinaryVersion e.g. {@code 2.12}
     */
    static Path prepare(String sparkHomeVariable, String scalaBinaryVersion) {
        if (sparkHomeVariable == null || sparkHomeVariable.isBlank()) {
            throw new IllegalStateException("local-cluster needs the SPARK_HOME environment variable: Spark's Worker "
                    + "finds its home only there. The build sets it for failsafe (target/spark-home); when running "
                    + "tests elsewhere, set it to an empty directory.");
        }
        Path home = Path.of(sparkHomeVariable).toAbsolutePath();
        try {
            if (Files.isDirectory(home) && !Files.exists(home.resolve(MARKER)) && !isEmpty(home)) {
                throw new IllegalStateException("SPARK_HOME=" + home + " is not empty and was not laid out by the "
                        + "test fixtures; point SPARK_HOME at an empty directory (the build uses target/spark-home)");
            }
            Files.createDirectories(home.resolve("jars"));
            Files.createDirectories(home.resolve("launcher/target/scala-" + scalaBinaryVersion));
            if (!Files.exists(home.resolve(MARKER))) {
                Files.writeString(home.resolve(MARKER), "Spark home for facetrain's local-cluster test fixtures; "
                        + "executor logs are under work/.\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the local-cluster Spark home " + home, e);
        }
        return home;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
