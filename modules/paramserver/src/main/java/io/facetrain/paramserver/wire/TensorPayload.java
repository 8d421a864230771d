package io.facetrain.paramserver.wire;

import org.agrona.MutableDirectBuffer;

/**
 * Payloads that carry one chunk of a flat float tensor.
 *
 * <pre>
 * GRADIENT:   weight (float64) | element offset (int64) | floats
 * PARAMETERS:                    element offset (int64) | floats
 * </pre>
 *
 * The header's step is the gradient's step or the parameter version, its chunk index and count
 * follow the run's {@link ChunkLayout}.
 */
public final class TensorPayload {
    /** Bytes before the floats in a GRADIENT payload. */
    public static final int GRADIENT_PREFIX = 16;
    /** Bytes before the floats in a PARAMETERS payload. */
    public static final int PARAMETERS_PREFIX = 8;

    private TensorPayload() {
    }

    /** Length of the longest message that carries a chunk of {@code chunkElements} floats. */
    public static int maxMessageLength(int chunkElements) {
        return Header.LENGTH + GRADIENT_PREFIX + 4 * chunkElements;
    }

    /**
     * Encodes and signs one gradient chunk.
     *
     * @return the message length
     */
    public static int encodeGradient(MessageEncoder encoder, MutableDirectBuffer buffer, long step, int attempt,
                                     int workerId, ChunkLayout layout, int chunk, long timestampMillis,
                                     double weight, float[] gradient) {
        int elements = layout.length(chunk);
        int payloadLength = GRADIENT_PREFIX + 4 * elements;
        int payload = encoder.writeHeader(buffer, 0, MessageKind.GRADIENT, step, attempt, workerId, chunk,
                layout.count(), timestampMillis, payloadLength);
        buffer.putDouble(payload, weight, Header.ORDER);
        buffer.putLong(payload + 8, layout.offset(chunk), Header.ORDER);
        LittleEndianFloats.write(gradient, layout.offset(chunk), buffer, payload + GRADIENT_PREFIX, elements);
        encoder.sign(buffer, 0, payloadLength);
        return Header.LENGTH + payloadLength;
    }

    /**
     * Encodes and signs one chunk of a parameter version, addressed to every worker.
     *
     * @return the message length
     */
    public static int encodeParameters(MessageEncoder encoder, MutableDirectBuffer buffer, long version,
                                       ChunkLayout layout, int chunk, long timestampMillis, float[] parameters) {
        int elements = layout.length(chunk);
        int payloadLength = PARAMETERS_PREFIX + 4 * elements;
        int payload = encoder.writeHeader(buffer, 0, MessageKind.PARAMETERS, version, 0, Header.ALL_WORKERS,
                chunk, layout.count(), timestampMillis, payloadLength);
        buffer.putLong(payload, layout.offset(chunk), Header.ORDER);
        LittleEndianFloats.write(parameters, layout.offset(chunk), buffer, payload + PARAMETERS_PREFIX, elements);
        encoder.sign(buffer, 0, payloadLength);
        return Header.LENGTH + payloadLength;
    }

    /**
     * Checks that a verified tensor message matches the layout exactly: chunk count, index, element
     * offset and payload length.
     *
     * @param prefix {@link #GRADIENT_PREFIX} or {@link #PARAMETERS_PREFIX}
     * @return true when the chunk fits the layout
     */
    public static boolean fitsLayout(InboundMessage message, ChunkLayout layout, int prefix) {
        int chunk = message.chunkIndex();
        if (message.chunkCount() != layout.count() || chunk < 0 || chunk >= layout.count()) {
            return false;
        }
        if (message.payloadLength() != prefix + 4 * layout.length(chunk)) {
            return false;
        }
        long offset = message.buffer().getLong(message.payloadOffset() + prefix - 8, Header.ORDER);
        return offset == layout.offset(chunk);
    }

    /** The weight of a verified GRADIENT message. */
    public static double gradientWeight(InboundMessage message) {
        return message.buffer().getDouble(message.payloadOffset(), Header.ORDER);
    }

    /** Copies the floats of a verified chunk that {@link #fitsLayout fits} the layout into {@code target}. */
    public static void copyInto(InboundMessage message, ChunkLayout layout, int prefix, float[] target) {
        int chunk = message.chunkIndex();
        LittleEndianFloats.read(message.buffer(), message.payloadOffset() + prefix, target, layout.offset(chunk),
                layout.length(chunk));
    }
}
