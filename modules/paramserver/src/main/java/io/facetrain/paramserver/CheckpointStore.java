package io.facetrain.paramserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server checkpoints in a directory on any Hadoop file system (file, hdfs, s3a, ...). Each checkpoint
 * is one file {@code ckpt-<version>.psck}, written under a temporary name and renamed when complete,
 * and ends with a SHA-256 of its content, so a crash never leaves a checkpoint that loads.
 *
 * <p>A checkpoint holds a whole {@link ServerState}: version, update plan (each range's updater
 * configuration as ND4J JSON, schedules included), parameters and optimiser state; the byte layout is
 * described in {@link CheckpointFormat}.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern NAME = Pattern.compile("ckpt-(\\d{12})\\.psck");

    private final Path directory;
    private final Configuration hadoopConf;
    private final CheckpointFormat format = new CheckpointFormat();

    /**
     * @param directory where checkpoints live (created on first save)
     * @param hadoopConf Hadoop configuration for the directory's file system
     */
    public CheckpointStore(Path directory, Configuration hadoopConf) {
        this.directory = directory;
        this.hadoopConf = hadoopConf;
    }

    /** A store at {@code uri} (e.g. {@code file:/tmp/ckpt}, {@code hdfs://nn/runs/42}) with default Hadoop settings. */
    public static CheckpointStore at(String uri) {
        return new CheckpointStore(new Path(uri), new Configuration());
    }

    public Path directory() {
        return directory;
    }

    /**
     * Writes a checkpoint of {@code state}, replacing one of the same version.
     *
     * @return the checkpoint's path
     */
    public Path save(ServerState state) throws IOException {
        FileSystem fs = directory.getFileSystem(hadoopConf);
        fs.mkdirs(directory);
        Path target = new Path(directory, fileName(state.version()));
        Path temporary = new Path(directory, "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = fs.create(temporary, false)) {
                format.write(state, out);
            }
            if (fs.exists(target) && !fs.delete(target, false)) {
                throw new IOException("could not replace existing checkpoint " + target);
            }
            if (!fs.rename(temporary, target)) {
                throw new IOException("could not rename " + temporary + " to " + target);
            }
        } finally {
            if (fs.exists(temporary)) {
                fs.delete(temporary, false);
            }
        }
        LOG.info("checkpoint of version {} ({} parameters) written to {}", state.version(), state.parameterCount(),
                target);
        return target;
    }

    /** Complete checkpoints in this directory, oldest version first. */
    public List<Path> list() throws IOException {
        FileSystem fs = directory.getFileSystem(hadoopConf);
        if (!fs.exists(directory)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        for (FileStatus status : fs.listStatus(directory)) {
            if (status.isFile() && NAME.matcher(status.getPath().getName()).matches()) {
                found.add(status.getPath());
            }
        }
        found.sort(Comparator.comparingLong(CheckpointStore::versionOf));
        return found;
    }

    /** The checkpoint with the highest version, if any. */
    public Optional<ServerState> loadLatest() throws IOException {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(load(all.get(all.size() - 1)));
    }

    /**
     * Reads and verifies one checkpoint (of the current format, or format 1 of single-optimiser
     * servers, which loads as a uniform {@link UpdatePlan}).
     *
     * @throws IOException if it cannot be read, is truncated, its checksum does not match, or an
     *     updater class it names is not on the classpath
     */
    public ServerState load(Path file) throws IOException {
        FileSystem fs = file.getFileSystem(hadoopConf);
        long fileLength = fs.getFileStatus(file).getLen();
        try (InputStream in = fs.open(file)) {
            return format.read(in, file.toString(), fileLength);
        }
    }

    private static String fileName(long version) {
        return String.format(Locale.ROOT, "ckpt-%012d.psck", version);
    }

    private static long versionOf(Path path) {
        Matcher matcher = NAME.matcher(path.getName());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(path + " is not a checkpoint file name");
        }
        return Long.parseLong(matcher.group(1));
    }
}
