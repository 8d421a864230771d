package io.facetrain.registry;

import io.facetrain.schema.FileChecksum;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Downloads a committed version and checks every byte: each file's size and SHA-256 must match
 * the manifest, the manifest must match the commit marker. On any mismatch nothing is left in the
 * target directory and a {@link CorruptArtifactException} names the file.
 */
final class VersionLoader {

    private static final Pattern SAFE_PATH =
            Pattern.compile("[A-Za-z0-9._+=@,-]+(/[A-Za-z0-9._+=@,-]+)*");

    private final RegistryStore store;
    private final RegistryLayout layout;

    VersionLoader(RegistryStore store, RegistryLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    void download(CommittedVersion version, Path localDir) throws IOException {
        boolean created = prepareEmptyDirectory(localDir);
        try {
            for (FileChecksum file : version.manifest().getFiles()) {
                downloadChecked(version, file.getPath(),
                        new Sha256.Digest(file.getSha256(), file.getSizeBytes()), localDir);
            }
            downloadChecked(version, RegistryLayout.MANIFEST_JSON, version.marker().manifestJson(),
                    localDir);
            Files.write(localDir.resolve(RegistryLayout.MANIFEST_AVRO), version.manifestAvro());
        } catch (IOException | RuntimeException e) {
            try {
                clear(localDir, created);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void downloadChecked(CommittedVersion version, String relativePath,
            Sha256.Digest expected, Path localDir) throws IOException {
        String what = VersionCatalog.describe(version.model(), version.version()) + ": file '"
                + relativePath + "'";
        if (!isSafe(relativePath)) {
            throw new CorruptArtifactException(what + " has a path that leaves the version directory;"
                    + " the manifest is corrupted, refusing to load");
        }
        Path target = localDir.resolve(relativePath);
        Files.createDirectories(target.getParent());
        Sha256.Digest read;
        org.apache.hadoop.fs.Path source =
                new org.apache.hadoop.fs.Path(layout.versionDir(version.model(), version.version()), relativePath);
        try (InputStream in = store.open(source);
             OutputStream out = Files.newOutputStream(target)) {
            read = Sha256.copy(in, out);
        } catch (FileNotFoundException e) {
            throw new CorruptArtifactException(what + " is listed in the manifest but missing from the"
                    + " store; the version is damaged, refusing to load", e);
        }
        if (!read.equals(expected)) {
            throw new CorruptArtifactException(what + " is corrupted: it was published as "
                    + expected.sizeBytes() + " bytes with SHA-256 " + expected.sha256() + ", the store has "
                    + read.sizeBytes() + " bytes with SHA-256 " + read.sha256() + "; refusing to load");
        }
    }

    private static boolean isSafe(String relativePath) {
        if (!SAFE_PATH.matcher(relativePath).matches()) {
            return false;
        }
        for (String segment : relativePath.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Creates {@code dir} or checks it is empty; true if it was created here. */
    private static boolean prepareEmptyDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("load target " + dir + " exists and is not a directory");
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("load target " + dir
                            + " is not empty; give an empty or new directory");
                }
            }
            return false;
        }
        Files.createDirectories(dir);
        return true;
    }

    private static void clear(Path dir, boolean removeDir) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            if (removeDir || !path.equals(dir)) {
                Files.deleteIfExists(path);
            }
        }
    }
}
