package io.facetrain.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of streams and byte arrays, as lower-case hex. */
final class Sha256 {

    private static final int BUFFER_BYTES = 1 << 16;

    private Sha256() {
    }

    /** The digest and length of some content. */
    record Digest(String sha256, long sizeBytes) {
    }

    static Digest of(byte[] content) {
        MessageDigest digest = newDigest();
        return new Digest(HexFormat.of().formatHex(digest.digest(content)), content.length);
    }

    /** Reads {@code in} to its end and returns its digest. */
    static Digest of(InputStream in) throws IOException {
        return copy(in, OutputStream.nullOutputStream());
    }

    /** Copies {@code in} to {@code out} to the end of {@code in}, digesting what passes. */
    static Digest copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        long size = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
            size += n;
        }
        return new Digest(HexFormat.of().formatHex(digest.digest()), size);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
