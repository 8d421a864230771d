package io.facetrain.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The regular files of a local artifact directory, checked for names the registry can store. */
final class ArtifactFiles {

    /** Names the registry writes itself into a version directory. */
    static final Set<String> RESERVED = Set.of(RegistryLayout.MANIFEST_AVRO,
            RegistryLayout.MANIFEST_JSON, RegistryLayout.METRICS_JSON, RegistryLayout.COMMIT_MARKER);

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._+=@,-]+");

    /** One local file and the path it will have inside the version directory. */
    record ArtifactFile(String relativePath, Path localPath) {
    }

    private ArtifactFiles() {
    }

    /**
     * Lists the files under {@code directory}, sorted by relative path. Fails, naming the file, on
     * symbolic links, names that are not portable across stores, the reserved names, and a missing
     * {@code model.zip}.
     */
    static List<ArtifactFile> scan(Path directory) throws IOException {
        List<ArtifactFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
                if (path.equals(directory) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String relative = relativePath(directory, path);
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalArgumentException("artifact '" + relative + "' in " + directory
                            + " is not a regular file (symbolic links are not published: copy the file)");
                }
                if (RESERVED.contains(relative)) {
                    throw new IllegalArgumentException("artifact '" + relative + "' in " + directory
                            + " uses a name the registry writes itself (" + String.join(", ", RESERVED.stream()
                            .sorted().toList()) + "): rename it or move it under a subdirectory");
                }
                files.add(new ArtifactFile(relative, path));
            }
        }
        if (files.stream().noneMatch(f -> f.relativePath().equals(RegistryLayout.WEIGHTS))) {
            throw new IllegalArgumentException("artifact directory " + directory + " has no "
                    + RegistryLayout.WEIGHTS + ": a version without weights is not a model");
        }
        return files;
    }

    private static String relativePath(Path directory, Path file) {
        List<String> segments = new ArrayList<>();
        for (Path segment : directory.relativize(file)) {
            String name = segment.toString();
            if (!SEGMENT.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("artifact file " + file + ": name segment '" + name
                        + "' is not portable; use letters, digits and . _ + = @ , -");
            }
            segments.add(name);
        }
        return String.join("/", segments);
    }
}
