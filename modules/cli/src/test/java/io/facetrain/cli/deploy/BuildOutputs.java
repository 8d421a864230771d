package io.facetrain.cli.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the package phase of modules/cli leaves in target/ for the integration tests: the job jar and the
 * dependency listings of maven-dependency-plugin's build-classpath executions (see the module's pom).
 */
final class BuildOutputs {

    private final Path target;

    BuildOutputs(Path target) {
        this.target = target;
    }

    /** The outputs of the module the tests run in (failsafe's working directory is the module). */
    static BuildOutputs ofThisModule() {
        return new BuildOutputs(Path.of("target").toAbsolutePath());
    }

    /** facetrain-cli-&lt;version&gt;-job.jar, the shaded jar spark-submit runs. */
    Path jobJar() {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(target, "facetrain-cli-*-job.jar")) {
            found.forEach(jars::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
        if (jars.size() != 1) {
            throw new IllegalStateException("expected one job jar in " + target + " (mvn package builds it), found " + jars);
        }
        return jars.get(0);
    }

    /** Jars Spark brings to the class path (provided scope: spark-core and everything it depends on). */
    List<Path> providedJars() {
        return listing("provided.txt");
    }

    /** Jars the job itself needs at run time (compile and runtime scope). */
    List<Path> runtimeJars() {
        return listing("runtime.txt");
    }

    private List<Path> listing(String name) {
        Path file = target.resolve("classpath").resolve(name);
        try {
            String content = Files.readString(file).trim();
            return content.isEmpty() ? List.of()
                    : Arrays.stream(content.split(File.pathSeparator)).map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dependency listing " + file + " (written by mvn package)", e);
        }
    }
}
