package io.facetrain.paramserver.wire;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Signs and verifies messages with HMAC-SHA256 keyed by the run's secret. The MAC covers the header
 * up to the MAC field and the whole payload. Not thread-safe: each agent owns one.
 */
public final class MessageSigner {
    /** JCA name of the MAC algorithm. */
    public static final String ALGORITHM = "HmacSHA256";
    /** Shortest secret accepted: the HMAC key should be as long as the hash output. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final int SCRATCH_LENGTH = 64 * 1024;

    private final Mac mac;
    private final byte[] computed = new byte[Header.MAC_LENGTH];
    private final byte[] received = new byte[Header.MAC_LENGTH];
    private byte[] scratch;

    /**
     * @param secret the run's secret, at least {@link #MIN_SECRET_LENGTH} bytes
     * @throws IllegalArgumentException if the secret is too short
     */
    public MessageSigner(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("secret must be at least " + MIN_SECRET_LENGTH + " bytes, got "
                    + (secret == null ? "none" : secret.length));
        }
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }

    /** Computes the MAC of the message at {@code offset} and writes it into its header. */
    public void sign(MutableDirectBuffer buffer, int offset, int payloadLength) {
        compute(buffer, offset, payloadLength);
        buffer.putBytes(offset + Header.MAC_OFFSET, computed);
    }

    /** True when the MAC in the message's header matches its content (compared in constant time). */
    public boolean verify(DirectBuffer buffer, int offset, int payloadLength) {
        compute(buffer, offset, payloadLength);
        buffer.getBytes(offset + Header.MAC_OFFSET, received);
        return MessageDigest.isEqual(computed, received);
    }

    private void compute(DirectBuffer buffer, int offset, int payloadLength) {
        update(buffer, offset, Header.SIGNED_HEADER_LENGTH);
        update(buffer, offset + Header.LENGTH, payloadLength);
        try {
            mac.doFinal(computed, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("MAC output buffer too short", e);
        }
    }

    /** Feeds bytes to the MAC without copying when the buffer is backed by an array or a ByteBuffer. */
    private void update(DirectBuffer buffer, int index, int length) {
        if (length == 0) {
            return;
        }
        byte[] array = buffer.byteArray();
        if (array != null) {
            mac.update(array, buffer.wrapAdjustment() + index, length);
            return;
        }
        ByteBuffer byteBuffer = buffer.byteBuffer();
        if (byteBuffer != null) {
            ByteBuffer view = byteBuffer.duplicate();
            int start = buffer.wrapAdjustment() + index;
            view.limit(start + length).position(start);
            mac.update(view);
            return;
        }
        if (scratch == null) {
            scratch = new byte[SCRATCH_LENGTH];
        }
        for (int done = 0; done < length; done += SCRATCH_LENGTH) {
            int n = Math.min(SCRATCH_LENGTH, length - done);
            buffer.getBytes(index + done, scratch, 0, n);
            mac.update(scratch, 0, n);
        }
    }
}
