package io.facetrain.paramserver;

import io.facetrain.paramserver.wire.MessageSigner;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Identity and key of one training run: every message carries the run id and an HMAC keyed by the
 * secret, so messages of other runs (or of nobody) are recognised and dropped. The driver generates
 * them per run and hands them to its workers; they are never written to configuration files.
 */
public final class RunCredentials implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long runId;
    private final byte[] secret;

    /**
     * @param runId the run's id
     * @param secret HMAC key, at least {@value MessageSigner#MIN_SECRET_LENGTH} bytes (copied)
     * @throws IllegalArgumentException if the secret is shorter
     */
    public RunCredentials(long runId, byte[] secret) {
        if (secret == null || secret.length < MessageSigner.MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("run secret must be at least " + MessageSigner.MIN_SECRET_LENGTH
                    + " bytes, got " + (secret == null ? "none" : secret.length));
        }
        this.runId = runId;
        this.secret = secret.clone();
    }

    /** Fresh credentials: a random positive run id and a random 32-byte secret. */
    public static RunCredentials generate(SecureRandom random) {
        byte[] secret = new byte[MessageSigner.MIN_SECRET_LENGTH];
        random.nextBytes(secret);
        return new RunCredentials(random.nextLong() & Long.MAX_VALUE, secret);
    }

    /** Credentials from a run id and a hex-encoded secret (e.g. passed to a worker process). */
    public static RunCredentials fromHex(long runId, String secretHex) {
        return new RunCredentials(runId, HexFormat.of().parseHex(secretHex.trim()));
    }

    public long runId() {
        return runId;
    }

    /** A copy of the secret. */
    public byte[] secret() {
        return secret.clone();
    }

    /** The secret as hex, for handing to a worker process over a private channel (never log it). */
    public String secretHex() {
        return HexFormat.of().formatHex(secret);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunCredentials that && runId == that.runId && Arrays.equals(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(runId) * 31 + Arrays.hashCode(secret);
    }

    /** Shows the run id only: the secret must not reach logs. */
    @Override
    public String toString() {
        return "RunCredentials[runId=" + Long.toHexString(runId) + ", secret=<" + secret.length + " bytes>]";
    }
}
