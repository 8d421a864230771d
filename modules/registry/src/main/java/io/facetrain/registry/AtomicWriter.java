package io.facetrain.registry;

import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Writes a small file so that readers see either its previous content (or no file) or the whole
 * new content, never a part. How depends on the store:
 * <ul>
 *   <li>object stores ({@code s3a}): a single PUT, which S3 applies atomically;</li>
 *   <li>the local file system: a temporary sibling, then a POSIX rename over the target;</li>
 *   <li>anything else (HDFS): a temporary sibling, then {@link FileContext#rename} with
 *       {@link Options.Rename#OVERWRITE}, which HDFS performs atomically.</li>
 * </ul>
 */
abstract class AtomicWriter {

    /** Writes {@code content} to {@code target}, replacing any existing file atomically. */
    abstract void write(Path target, byte[] content) throws IOException;

    static AtomicWriter forFileSystem(FileSystem fs, Configuration conf) {
        String scheme = fs.getUri().getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("s3a")) {
            return new SinglePut(fs);
        }
        if (scheme.equals("file")) {
            return new RenameOver(fs, null);
        }
        return new RenameOver(fs, conf);
    }

    static void writeFully(FileSystem fs, Path path, byte[] content) throws IOException {
        try (FSDataOutputStream out = fs.create(path, true)) {
            out.write(content);
        }
    }

    /** Object stores: the object appears whole when the upload completes, or not at all. */
    private static final class SinglePut extends AtomicWriter {
        private final FileSystem fs;

        SinglePut(FileSystem fs) {
            this.fs = fs;
        }

        @Override
        void write(Path target, byte[] content) throws IOException {
            writeFully(fs, target, content);
        }
    }

    /** File systems: write aside, then rename over the target in one metadata operation. */
    private static final class RenameOver extends AtomicWriter {
        private final FileSystem fs;
        private final Configuration fileContextConf;

        /** {@code fileContextConf} null means plain {@link FileSystem#rename} replaces atomically. */
        RenameOver(FileSystem fs, Configuration fileContextConf) {
            this.fs = fs;
            this.fileContextConf = fileContextConf;
        }

        @Override
        void write(Path target, byte[] content) throws IOException {
            Path temp = new Path(target.getParent(),
                    "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
            writeFully(fs, temp, content);
            try {
                if (fileContextConf == null) {
                    if (!fs.rename(temp, target)) {
                        throw new IOException("could not rename " + temp + " to " + target);
                    }
                } else {
                    FileContext.getFileContext(fs.getUri(), fileContextConf)
                            .rename(temp, target, Options.Rename.OVERWRITE);
                }
            } catch (IOException e) {
                deleteQuietly(temp, e);
                throw e;
            }
        }

        private void deleteQuietly(Path temp, IOException failure) {
            try {
                fs.delete(temp, false);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
        }
    }
}
