package io.facetrain.spark.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the root of the facetrain source tree from a test's working directory. Maven runs each module's tests
 * in the module directory, an IDE usually in the module or the root, so the root is searched upwards.
 */
public final class RepositoryRoot {

    /** A file only the facetrain root has, next to its pom.xml. */
    static final String JVM_OPTIONS = "conf/jvm-options";

    private RepositoryRoot() {
    }

    /** The root at or above the working directory. */
    public static Path find() {
        return find(Path.of("").toAbsolutePath());
    }

    /** The root at or above {@code start}; throws IllegalStateException if there is none. */
    public static Path find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(JVM_OPTIONS)) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no facetrain source tree (a directory holding " + JVM_OPTIONS
                + " and pom.xml) at or above " + start.toAbsolutePath());
    }
}
