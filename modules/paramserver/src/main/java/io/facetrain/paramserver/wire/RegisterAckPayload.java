package io.facetrain.paramserver.wire;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * REGISTER_ACK payload. It echoes the timestamp of the REGISTER it answers, so a worker accepts
 * only the answer to its own latest request and never a replayed one.
 *
 * <pre>echoed timestamp (int64) | version (int64) | attempt (int32) | chunk elements (int32) |
 * parameter count (int64)</pre>
 *
 * @param echoedTimestamp timestamp of the REGISTER being answered
 * @param version the server's current parameter version (the step workers compute next)
 * @param attempt current attempt of that step
 * @param chunkElements floats per chunk the worker must use
 * @param parameterCount floats the server holds
 */
public record RegisterAckPayload(long echoedTimestamp, long version, int attempt, int chunkElements,
                                 long parameterCount) implements ControlPayload {
    private static final int LENGTH = 32;

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public void write(MutableDirectBuffer buffer, int offset) {
        buffer.putLong(offset, echoedTimestamp, Header.ORDER);
        buffer.putLong(offset + 8, version, Header.ORDER);
        buffer.putInt(offset + 16, attempt, Header.ORDER);
        buffer.putInt(offset + 20, chunkElements, Header.ORDER);
        buffer.putLong(offset + 24, parameterCount, Header.ORDER);
    }

    /** Parses a verified payload; {@code null} when its fields are inconsistent. */
    public static RegisterAckPayload read(DirectBuffer buffer, int offset, int length) {
        if (length != LENGTH) {
            return null;
        }
        RegisterAckPayload ack = new RegisterAckPayload(buffer.getLong(offset, Header.ORDER),
                buffer.getLong(offset + 8, Header.ORDER), buffer.getInt(offset + 16, Header.ORDER),
                buffer.getInt(offset + 20, Header.ORDER), buffer.getLong(offset + 24, Header.ORDER));
        return ack.version < 0 || ack.attempt < 0 || ack.chunkElements < 1 || ack.parameterCount < 1 ? null : ack;
    }
}
