package io.facetrain.paramserver.wire;

import org.agrona.DirectBuffer;

/**
 * A reusable view over one received message. {@link #wrap} checks framing, run and signature before
 * any field is trusted; the getters are only meaningful after it returned {@code null}.
 * Not thread-safe.
 */
public final class InboundMessage {
    private final long runId;
    private final MessageSigner signer;
    private final boolean serverSide;

    private DirectBuffer buffer;
    private int offset;
    private MessageKind kind;
    private int payloadLength;

    /**
     * @param runId the only run whose messages are accepted
     * @param signer verifies MACs with the run's secret
     * @param serverSide true on the server (accepts worker-to-server kinds), false on a worker
     */
    public InboundMessage(long runId, MessageSigner signer, boolean serverSide) {
        this.runId = runId;
        this.signer = signer;
        this.serverSide = serverSide;
    }

    /**
     * Points this view at a message and validates it.
     *
     * @return {@code null} when the message is well-framed, of this run, correctly signed and of a kind
     *     that flows in this direction; otherwise why it must be dropped
     */
    public Rejection wrap(DirectBuffer buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.kind = null;
        if (length < Header.LENGTH) {
            return length >= 4 && buffer.getInt(offset + Header.MAGIC_OFFSET, Header.ORDER) != Header.MAGIC
                    ? Rejection.BAD_MAGIC : Rejection.TRUNCATED;
        }
        if (buffer.getInt(offset + Header.MAGIC_OFFSET, Header.ORDER) != Header.MAGIC) {
            return Rejection.BAD_MAGIC;
        }
        if (buffer.getShort(offset + Header.VERSION_OFFSET, Header.ORDER) != Header.PROTOCOL_VERSION) {
            return Rejection.UNSUPPORTED_VERSION;
        }
        int declared = buffer.getInt(offset + Header.PAYLOAD_LENGTH_OFFSET, Header.ORDER);
        int actual = length - Header.LENGTH;
        if (declared < 0 || declared > actual) {
            return Rejection.TRUNCATED;
        }
        if (declared != actual || buffer.getInt(offset + Header.RESERVED_OFFSET, Header.ORDER) != 0) {
            return Rejection.MALFORMED;
        }
        if (buffer.getLong(offset + Header.RUN_ID_OFFSET, Header.ORDER) != runId) {
            return Rejection.FOREIGN_RUN;
        }
        if (!signer.verify(buffer, offset, declared)) {
            return Rejection.BAD_SIGNATURE;
        }
        MessageKind decoded = MessageKind.fromCode(buffer.getShort(offset + Header.KIND_OFFSET, Header.ORDER));
        if (decoded == null || decoded.toServer() != serverSide) {
            return Rejection.UNEXPECTED_KIND;
        }
        this.kind = decoded;
        this.payloadLength = declared;
        return null;
    }

    public MessageKind kind() {
        return kind;
    }

    public long step() {
        return buffer.getLong(offset + Header.STEP_OFFSET, Header.ORDER);
    }

    public int attempt() {
        return buffer.getInt(offset + Header.ATTEMPT_OFFSET, Header.ORDER);
    }

    public int workerId() {
        return buffer.getInt(offset + Header.WORKER_OFFSET, Header.ORDER);
    }

    public int chunkIndex() {
        return buffer.getInt(offset + Header.CHUNK_INDEX_OFFSET, Header.ORDER);
    }

    public int chunkCount() {
        return buffer.getInt(offset + Header.CHUNK_COUNT_OFFSET, Header.ORDER);
    }

    public long timestampMillis() {
        return buffer.getLong(offset + Header.TIMESTAMP_OFFSET, Header.ORDER);
    }

    /** The buffer holding the message. */
    public DirectBuffer buffer() {
        return buffer;
    }

    /** Where the payload starts in {@link #buffer()}. */
    public int payloadOffset() {
        return offset + Header.LENGTH;
    }

    public int payloadLength() {
        return payloadLength;
    }
}
