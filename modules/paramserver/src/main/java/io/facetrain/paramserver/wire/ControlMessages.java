package io.facetrain.paramserver.wire;

import org.agrona.concurrent.UnsafeBuffer;

/** Builds complete, signed control messages in buffers of their exact size. */
public final class ControlMessages {
    private ControlMessages() {
    }

    /**
     * Encodes and signs a single-chunk control message.
     *
     * @return a buffer holding exactly the message
     */
    public static UnsafeBuffer encode(MessageEncoder encoder, MessageKind kind, long step, int attempt, int workerId,
                                      long timestampMillis, ControlPayload payload) {
        int payloadLength = payload.length();
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[Header.LENGTH + payloadLength]);
        int payloadOffset = encoder.writeHeader(buffer, 0, kind, step, attempt, workerId, 0, 1, timestampMillis,
                payloadLength);
        payload.write(buffer, payloadOffset);
        encoder.sign(buffer, 0, payloadLength);
        return buffer;
    }
}
