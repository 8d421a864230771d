package io.facetrain.paramserver.wire;

import org.agrona.MutableDirectBuffer;

/**
 * Writes headers and signs messages for one run. The caller writes the payload between
 * {@link #writeHeader} and {@link #sign}. Not thread-safe (it owns a {@link MessageSigner}).
 */
public final class MessageEncoder {
    private final long runId;
    private final MessageSigner signer;

    public MessageEncoder(long runId, MessageSigner signer) {
        this.runId = runId;
        this.signer = signer;
    }

    /** The run id written into every header. */
    public long runId() {
        return runId;
    }

    /**
     * Writes a complete header except the MAC.
     *
     * @return the offset at which the payload starts
     */
    public int writeHeader(MutableDirectBuffer buffer, int offset, MessageKind kind, long step, int attempt,
                           int workerId, int chunkIndex, int chunkCount, long timestampMillis, int payloadLength) {
        buffer.putInt(offset + Header.MAGIC_OFFSET, Header.MAGIC, Header.ORDER);
        buffer.putShort(offset + Header.VERSION_OFFSET, Header.PROTOCOL_VERSION, Header.ORDER);
        buffer.putShort(offset + Header.KIND_OFFSET, (short) kind.code(), Header.ORDER);
        buffer.putLong(offset + Header.RUN_ID_OFFSET, runId, Header.ORDER);
        buffer.putLong(offset + Header.STEP_OFFSET, step, Header.ORDER);
        buffer.putInt(offset + Header.ATTEMPT_OFFSET, attempt, Header.ORDER);
        buffer.putInt(offset + Header.WORKER_OFFSET, workerId, Header.ORDER);
        buffer.putInt(offset + Header.CHUNK_INDEX_OFFSET, chunkIndex, Header.ORDER);
        buffer.putInt(offset + Header.CHUNK_COUNT_OFFSET, chunkCount, Header.ORDER);
        buffer.putLong(offset + Header.TIMESTAMP_OFFSET, timestampMillis, Header.ORDER);
        buffer.putInt(offset + Header.PAYLOAD_LENGTH_OFFSET, payloadLength, Header.ORDER);
        buffer.putInt(offset + Header.RESERVED_OFFSET, 0, Header.ORDER);
        return offset + Header.LENGTH;
    }

    /** Computes and stores the MAC of a message whose header and payload are written. */
    public void sign(MutableDirectBuffer buffer, int offset, int payloadLength) {
        signer.sign(buffer, offset, payloadLength);
    }
}
