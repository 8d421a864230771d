package io.facetrain.paramserver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Format (big-endian): magic {@code FTPSCKPT}, format version, parameter version, optimiser
 * (type name and its five hyper-parameters), parameter count and floats, state count and floats,
 * SHA-256 of all preceding bytes.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final byte[] MAGIC = "FTPSCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;
    private static final Pattern NAME = Pattern.compile("ckpt-(\\d{12})\\.psck");
    private static final int COPY_FLOATS = 64 * 1024;

    private final Path directory;
    private final Configuration hadoopConf;

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
                write(state, out);
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
     * Reads and verifies one checkpoint.
     *
     * @throws IOException if it cannot be read, is truncated, or its checksum does not match
     */
    public ServerState load(Path file) throws IOException {
        FileSystem fs = file.getFileSystem(hadoopConf);
        long fileLength = fs.getFileStatus(file).getLen();
        MessageDigest digest = sha256();
        try (InputStream raw = fs.open(file);
             DigestInputStream digesting = new DigestInputStream(new BufferedInputStream(raw, 1 << 20), digest);
             DataInputStream in = new DataInputStream(digesting)) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a parameter-server checkpoint (bad magic)");
            }
            int format = in.readInt();
            if (format != FORMAT_VERSION) {
                throw new IOException(file + " has checkpoint format " + format + ", this build reads "
                        + FORMAT_VERSION);
            }
            long version = in.readLong();
            OptimizerSpec.Type type = ParamServerConfig.parseEnum(OptimizerSpec.Type.class, "optimizer.type",
                    in.readUTF());
            OptimizerSpec optimizer = new OptimizerSpec(type, in.readDouble(), in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readDouble());
            float[] parameters = readFloats(in, file, fileLength, "parameters");
            float[] state = readFloats(in, file, fileLength, "optimizer state");
            digesting.on(false);
            byte[] expected = digest.digest();
            byte[] stored = new byte[expected.length];
            in.readFully(stored);
            if (!MessageDigest.isEqual(expected, stored)) {
                throw new IOException(file + " is corrupt: its SHA-256 does not match its content");
            }
            if (in.read() != -1) {
                throw new IOException(file + " has trailing bytes after its checksum");
            }
            return new ServerState(version, optimizer, parameters, state);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " holds an invalid state: " + e.getMessage(), e);
        }
    }

    private static void write(ServerState state, OutputStream raw) throws IOException {
        MessageDigest digest = sha256();
        DigestOutputStream digesting = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 20), digest);
        DataOutputStream out = new DataOutputStream(digesting);
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeLong(state.version());
        OptimizerSpec optimizer = state.optimizer();
        out.writeUTF(optimizer.typeName());
        out.writeDouble(optimizer.learningRate());
        out.writeDouble(optimizer.beta1());
        out.writeDouble(optimizer.beta2());
        out.writeDouble(optimizer.epsilon());
        out.writeDouble(optimizer.momentum());
        writeFloats(out, state.parameters());
        writeFloats(out, state.optimizerState());
        out.flush();
        digesting.on(false);
        out.write(digest.digest());
        out.flush();
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer bytes = ByteBuffer.allocate(COPY_FLOATS * Float.BYTES).order(ByteOrder.BIG_ENDIAN);
        for (int start = 0; start < values.length; start += COPY_FLOATS) {
            int n = Math.min(COPY_FLOATS, values.length - start);
            bytes.clear();
            bytes.asFloatBuffer().put(values, start, n);
            out.write(bytes.array(), 0, n * Float.BYTES);
        }
    }

    private static float[] readFloats(DataInputStream in, Path file, long fileLength, String what)
            throws IOException {
        int count = in.readInt();
        // Checked against the file size first so a corrupt count cannot trigger a huge allocation.
        if (count < 0 || (long) count * Float.BYTES > fileLength) {
            throw new IOException(file + " declares " + count + " " + what + ", impossible in " + fileLength
                    + " bytes");
        }
        float[] values = new float[count];
        byte[] bytes = new byte[COPY_FLOATS * Float.BYTES];
        for (int start = 0; start < count; start += COPY_FLOATS) {
            int n = Math.min(COPY_FLOATS, count - start);
            in.readFully(bytes, 0, n * Float.BYTES);
            ByteBuffer.wrap(bytes, 0, n * Float.BYTES).order(ByteOrder.BIG_ENDIAN).asFloatBuffer()
                    .get(values, start, n);
        }
        return values;
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
