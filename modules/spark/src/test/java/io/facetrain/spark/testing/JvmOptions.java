package io.facetrain.spark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags of {@code conf/jvm-options}: the one list every facetrain JVM starts with (bin/facetrain, the
 * surefire/failsafe argLine, spark.{driver,executor}.extraJavaOptions). One flag per line; blank lines and
 * lines starting with {@code #} are comments.
 */
public final class JvmOptions {

    private final Path file;
    private final List<String> flags;

    private JvmOptions(Path file, List<String> flags) {
        this.file = file;
        this.flags = List.copyOf(flags);
    }

    /** The flags of the source tree that holds the working directory. */
    public static JvmOptions ofRepository() {
        return read(RepositoryRoot.find().resolve(RepositoryRoot.JVM_OPTIONS));
    }

    /** Parses a jvm-options file; a line holding more than one flag is an error (launchers pass lines whole). */
    public static JvmOptions read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JVM options file " + file, e);
        }
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": one flag per line, got '" + line + "'");
            }
            flags.add(line);
        }
        return new JvmOptions(file, flags);
    }

    public Path file() {
        return file;
    }

    /** The flags in file order. */
    public List<String> flags() {
        return flags;
    }

    /** The flags as one space-separated string, the form of Spark's extraJavaOptions properties. */
    public String asOptionString() {
        return String.join(" ", flags);
    }
}
