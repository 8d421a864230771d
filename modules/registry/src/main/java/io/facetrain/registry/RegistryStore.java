package io.facetrain.registry;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The registry's view of one Hadoop {@link FileSystem}: the few operations it needs, with
 * "not found" turned into empty results, and atomic small-file writes.
 *
 * <p>The file system instance is private to this store (not Hadoop's JVM-wide cache), so closing
 * the registry never closes a file system someone else is using. On {@code file:} the raw local
 * file system is used: SHA-256 already covers integrity, and Hadoop's {@code .crc} side files
 * would make a rename over an alias non-atomic.
 */
final class RegistryStore implements Closeable {

    /** Manifests, markers and alias files are small; anything larger is not one of ours. */
    static final int MAX_SMALL_FILE_BYTES = 16 << 20;

    private final FileSystem owned;
    private final FileSystem fs;
    private final AtomicWriter atomicWriter;

    private RegistryStore(FileSystem owned, Configuration conf) {
        this.owned = owned;
        this.fs = owned instanceof LocalFileSystem local ? local.getRawFileSystem() : owned;
        this.atomicWriter = AtomicWriter.forFileSystem(fs, conf);
    }

    static RegistryStore open(URI root, Configuration conf) throws IOException {
        return new RegistryStore(FileSystem.newInstance(root, conf), conf);
    }

    FileSystem fileSystem() {
        return fs;
    }

    Path qualify(Path path) {
        return fs.makeQualified(path);
    }

    /** Reads a whole small file; refuses files larger than {@link #MAX_SMALL_FILE_BYTES}. */
    byte[] readSmall(Path path) throws IOException {
        FileStatus status = fs.getFileStatus(path);
        if (status.getLen() > MAX_SMALL_FILE_BYTES) {
            throw new CorruptArtifactException(path + " is " + status.getLen()
                    + " bytes, more than the " + MAX_SMALL_FILE_BYTES + " a registry metadata file may have");
        }
        try (FSDataInputStream in = fs.open(path)) {
            byte[] content = in.readNBytes(MAX_SMALL_FILE_BYTES + 1);
            if (content.length > MAX_SMALL_FILE_BYTES) {
                throw new CorruptArtifactException(path + " grew past " + MAX_SMALL_FILE_BYTES + " bytes");
            }
            return content;
        }
    }

    /** Reads a small file if it exists. */
    Optional<byte[]> readSmallIfExists(Path path) throws IOException {
        try {
            return Optional.of(readSmall(path));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    InputStream open(Path path) throws IOException {
        return fs.open(path);
    }

    /** Writes a file that no reader looks at until something else makes it visible. */
    void write(Path path, byte[] content) throws IOException {
        AtomicWriter.writeFully(fs, path, content);
    }

    /** Writes a file that readers may be looking at: they see the old or the new content. */
    void writeAtomically(Path path, byte[] content) throws IOException {
        atomicWriter.write(path, content);
    }

    /** The entries of a directory, empty if it does not exist. */
    List<FileStatus> list(Path dir) throws IOException {
        try {
            return Arrays.asList(fs.listStatus(dir));
        } catch (FileNotFoundException e) {
            return List.of();
        }
    }

    /** Every file below {@code dir}, empty if it does not exist. */
    List<LocatedFileStatus> listFilesRecursively(Path dir) throws IOException {
        List<LocatedFileStatus> files = new ArrayList<>();
        try {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                files.add(it.next());
            }
        } catch (FileNotFoundException e) {
            return List.of();
        }
        return files;
    }

    Optional<FileStatus> status(Path path) throws IOException {
        try {
            return Optional.of(fs.getFileStatus(path));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    boolean exists(Path path) throws IOException {
        return status(path).isPresent();
    }

    void delete(Path path) throws IOException {
        fs.delete(path, false);
    }

    void deleteRecursively(Path path) throws IOException {
        fs.delete(path, true);
    }

    /** Renames {@code from} to {@code to}, which must not exist; fails if the store refuses. */
    void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("the file system refused to rename " + from + " to " + to);
        }
    }

    @Override
    public void close() throws IOException {
        owned.close();
    }
}
