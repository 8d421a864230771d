package io.facetrain.cli.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A stand-in for a Spark 3.5 installation, enough for spark-submit in client mode: {@code jars/} holds links to
 * the jars a distribution ships for spark-core, and {@code bin/spark-submit} runs Spark's own launcher over
 * them the way a distribution's script does (see the resource {@code fake-spark-submit}).
 */
final class FakeSparkInstallation {

    private FakeSparkInstallation() {
    }

    /** Lays the installation out in {@code home} (an empty directory) and returns it. */
    static Path create(Path home, Collection<Path> jars) throws IOException {
        Path jarsDir = Files.createDirectories(home.resolve("jars"));
        Set<String> names = new HashSet<>();
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (!names.add(name)) {
                throw new IllegalArgumentException("two jars named " + name + " in " + jars);
            }
            Files.createSymbolicLink(jarsDir.resolve(name), jar.toAbsolutePath());
        }
        Path submit = Files.createDirectories(home.resolve("bin")).resolve("spark-submit");
        try (InputStream script = FakeSparkInstallation.class.getResourceAsStream("fake-spark-submit")) {
            Files.copy(Objects.requireNonNull(script, "resource fake-spark-submit"), submit);
        }
        if (!submit.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + submit + " executable");
        }
        return home;
    }
}
