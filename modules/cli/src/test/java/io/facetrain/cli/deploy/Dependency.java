package io.facetrain.cli.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * One entry of a build class path: a jar from the local Maven repository, or a reactor module's jar or
 * classes directory when the whole project builds at once.
 */
record Dependency(Path path) {

    /**
     * The artifactId: the repository layout is .../artifactId/version/artifactId-version[-classifier].jar;
     * a reactor module is named by its file or by its module directory.
     */
    String artifactId() {
        Path versionDir = path.getParent();
        if (versionDir != null && versionDir.getParent() != null
                && path.getFileName().toString().startsWith(versionDir.getParent().getFileName() + "-" + versionDir.getFileName())) {
            return versionDir.getParent().getFileName().toString();
        }
        if (Files.isDirectory(path)) {
            return path.getParent().getParent().getFileName().toString();
        }
        return path.getFileName().toString();
    }

    /**
     * The name of one file it holds outside META-INF (a class, or a native library for the platform jars), e.g.
     * {@code org/nd4j/linalg/factory/Nd4j.class}; empty if it holds none.
     */
    Optional<String> someContentEntry() {
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    return files.filter(Files::isRegularFile)
                            .map(file -> path.relativize(file).toString().replace('\\', '/'))
                            .filter(Dependency::isContent)
                            .findFirst();
                }
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                return jar.stream().filter(entry -> !entry.isDirectory()).map(JarEntry::getName)
                        .filter(Dependency::isContent)
                        .findFirst();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static boolean isContent(String name) {
        return !name.startsWith("META-INF/") && !name.endsWith("module-info.class");
    }
}
