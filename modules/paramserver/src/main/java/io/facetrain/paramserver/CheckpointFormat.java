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
import java.util.Arrays;

/**
 * The bytes of one checkpoint file (big-endian), ending with a SHA-256 of everything before it.
 *
 * <p>Format 2 (written): magic {@code FTPSCKPT}, format version, parameter version, the update plan
 * ({@link UpdatePlanCodec}), parameter count and floats, state count and floats, SHA-256.
 *
 * <p>Format 1 (still read): magic, format version, parameter version, one optimiser (type name and its
 * five hyper-parameters), parameter count and floats, state count and floats, SHA-256. It loads as the
 * uniform plan of that optimiser.
 */
final class CheckpointFormat {
    private static final byte[] MAGIC = "FTPSCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int SINGLE_OPTIMIZER_FORMAT = 1;
    private static final int UPDATE_PLAN_FORMAT = 2;
    private static final int COPY_FLOATS = 64 * 1024;

    private final UpdatePlanCodec planCodec = new UpdatePlanCodec();

    /** Writes {@code state} in the current format (buffers, does not close {@code raw}). */
    void write(ServerState state, OutputStream raw) throws IOException {
        MessageDigest digest = sha256();
        DigestOutputStream digesting = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 20), digest);
        DataOutputStream out = new DataOutputStream(digesting);
        out.write(MAGIC);
        out.writeInt(UPDATE_PLAN_FORMAT);
        out.writeLong(state.version());
        planCodec.write(out, state.plan());
        writeFloats(out, state.parameters());
        writeFloats(out, state.optimizerState());
        out.flush();
        digesting.on(false);
        out.write(digest.digest());
        out.flush();
    }

    /**
     * Reads and verifies one checkpoint of either format.
     *
     * @param source names the file in error messages
     * @param fileLength its size in bytes
     * @throws IOException if it is not a checkpoint, is truncated, corrupt or holds an invalid state
     */
    ServerState read(InputStream raw, String source, long fileLength) throws IOException {
        MessageDigest digest = sha256();
        DigestInputStream digesting = new DigestInputStream(new BufferedInputStream(raw, 1 << 20), digest);
        DataInputStream in = new DataInputStream(digesting);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(source + " is not a parameter-server checkpoint (bad magic)");
            }
            int format = in.readInt();
            if (format != SINGLE_OPTIMIZER_FORMAT && format != UPDATE_PLAN_FORMAT) {
                throw new IOException(source + " has checkpoint format " + format + ", this build reads formats "
                        + SINGLE_OPTIMIZER_FORMAT + " and " + UPDATE_PLAN_FORMAT);
            }
            long version = in.readLong();
            Body body = format == SINGLE_OPTIMIZER_FORMAT ? readSingleOptimizer(in, version, source, fileLength)
                    : readUpdatePlan(in, version, source, fileLength);
            digesting.on(false);
            byte[] expected = digest.digest();
            byte[] stored = new byte[expected.length];
            in.readFully(stored);
            if (!MessageDigest.isEqual(expected, stored)) {
                throw new IOException(source + " is corrupt: its SHA-256 does not match its content");
            }
            if (in.read() != -1) {
                throw new IOException(source + " has trailing bytes after its checksum");
            }
            return body.toState();
        } catch (EOFException e) {
            throw new IOException(source + " is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + " holds an invalid state: " + e.getMessage(), e);
        }
    }

    private Body readUpdatePlan(DataInputStream in, long version, String source, long fileLength)
            throws IOException {
        UpdatePlanCodec.Stored plan = planCodec.read(in, source, fileLength);
        float[] parameters = readFloats(in, source, fileLength, "parameters");
        float[] state = readFloats(in, source, fileLength, "optimizer state");
        return () -> new ServerState(version, planCodec.decode(plan, source), parameters, state);
    }

    private static Body readSingleOptimizer(DataInputStream in, long version, String source, long fileLength)
            throws IOException {
        String type = in.readUTF();
        double[] hyperParameters = {in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
            in.readDouble()};
        float[] parameters = readFloats(in, source, fileLength, "parameters");
        float[] state = readFloats(in, source, fileLength, "optimizer state");
        return () -> {
            OptimizerSpec optimizer = new OptimizerSpec(
                    ParamServerConfig.parseEnum(OptimizerSpec.Type.class, "optimizer.type", type),
                    hyperParameters[0], hyperParameters[1], hyperParameters[2], hyperParameters[3], hyperParameters[4]);
            return new ServerState(version, optimizer, parameters, state);
        };
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

    private static float[] readFloats(DataInputStream in, String source, long fileLength, String what)
            throws IOException {
        int count = in.readInt();
        // Checked against the file size first so a corrupt count cannot trigger a huge allocation.
        if (count < 0 || (long) count * Float.BYTES > fileLength) {
            throw new IOException(source + " declares " + count + " " + what + ", impossible in " + fileLength
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** A checkpoint's content as read, turned into a state only after its checksum is verified. */
    @FunctionalInterface
    private interface Body {
        ServerState toState() throws IOException;
    }
}
