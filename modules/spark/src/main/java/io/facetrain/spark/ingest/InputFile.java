package io.facetrain.spark.ingest;

import org.apache.hadoop.fs.Path;

import java.io.Serializable;
import java.util.Objects;

/**
 * One file found under the input root.
 *
 * @param path           relative to the input root, '/'-separated (stored as the records' sourcePath)
 * @param sizeBytes      length when listed
 * @param modifiedMillis modification time when listed; with the size, it tells whether a file changed
 * @param placement      where in the tree the file sits
 */
public record InputFile(String path, long sizeBytes, long modifiedMillis, Placement placement) implements Serializable {

    public InputFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(placement, "placement");
    }

    /** Classifies a relative path by its place in the tree. */
    public static InputFile of(String path, long sizeBytes, long modifiedMillis) {
        return new InputFile(path, sizeBytes, modifiedMillis, placementOf(path));
    }

    /** The person folder for PERSON files (also NESTED ones name the folder they are under). */
    public String personId() {
        int slash = path.indexOf('/');
        return slash < 0 ? null : path.substring(0, slash);
    }

    /** The file's location below {@code root}; names with ':' or '#' stay literal. */
    public Path resolve(Path root) {
        return new Path(root, new Path(null, null, path));
    }

    static Placement placementOf(String path) {
        String[] segments = path.split("/");
        for (String segment : segments) {
            if (segment.startsWith(".")) {
                return Placement.HIDDEN;
            }
        }
        return switch (segments.length) {
            case 1 -> Placement.ROOT;
            case 2 -> Placement.PERSON;
            default -> Placement.NESTED;
        };
    }
}
