package io.facetrain.spark;

import org.apache.hadoop.fs.Path;

import java.util.regex.Pattern;

/**
 * Turns a path given by a user into a Hadoop path. A path with a scheme ({@code hdfs://}, {@code s3a://},
 * {@code file:}) is taken as it is; a plain path is a local path, resolved against the working directory,
 * whatever {@code fs.defaultFS} says: "local unless told otherwise" is what a command-line user expects.
 */
public final class HadoopPaths {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private HadoopPaths() {
    }

    public static Path of(String userPath) {
        if (userPath == null || userPath.isBlank()) {
            throw new IllegalArgumentException("path must not be blank");
        }
        String trimmed = userPath.trim();
        if (SCHEME.matcher(trimmed).matches()) {
            return new Path(trimmed);
        }
        // Not Path(URI): java.nio's URI of an existing directory ends in '/', and Path.getName() would be "".
        return new Path("file", null, java.nio.file.Path.of(trimmed).toAbsolutePath().normalize().toString());
    }

    /** True when {@code inner} is {@code outer} or lies below it (both qualified). */
    public static boolean isSameOrInside(Path inner, Path outer) {
        String in = withTrailingSlash(inner.toUri().normalize().toString());
        String out = withTrailingSlash(outer.toUri().normalize().toString());
        return in.startsWith(out);
    }

    private static String withTrailingSlash(String s) {
        return s.endsWith("/") ? s : s + "/";
    }
}
