package io.facetrain.paramserver.wire;

import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * REGISTER payload: the step range the worker will push and the Aeron channel and stream on which
 * it listens for the server's messages.
 *
 * <pre>first step (int64) | end step, exclusive (int64) | reply stream id (int32) |
 * channel length (int32) | channel (UTF-8)</pre>
 *
 * @param firstStep first step the worker pushes
 * @param endStep step after the last one it pushes
 * @param replyStreamId stream id of the worker's subscription
 * @param replyChannel channel of the worker's subscription
 */
public record RegisterPayload(long firstStep, long endStep, int replyStreamId,
                              String replyChannel) implements ControlPayload {
    /** Longest reply channel accepted. */
    public static final int MAX_CHANNEL_LENGTH = 1024;
    private static final int FIXED_LENGTH = 24;

    @Override
    public int length() {
        return FIXED_LENGTH + replyChannel.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void write(MutableDirectBuffer buffer, int offset) {
        byte[] channel = replyChannel.getBytes(StandardCharsets.UTF_8);
        buffer.putLong(offset, firstStep, Header.ORDER);
        buffer.putLong(offset + 8, endStep, Header.ORDER);
        buffer.putInt(offset + 16, replyStreamId, Header.ORDER);
        buffer.putInt(offset + 20, channel.length, Header.ORDER);
        buffer.putBytes(offset + FIXED_LENGTH, channel);
    }

    /** Parses a verified payload; {@code null} when its fields are inconsistent. */
    public static RegisterPayload read(DirectBuffer buffer, int offset, int length) {
        if (length < FIXED_LENGTH) {
            return null;
        }
        long first = buffer.getLong(offset, Header.ORDER);
        long end = buffer.getLong(offset + 8, Header.ORDER);
        int stream = buffer.getInt(offset + 16, Header.ORDER);
        int channelLength = buffer.getInt(offset + 20, Header.ORDER);
        if (first < 0 || end <= first || stream == 0 || channelLength < 1 || channelLength > MAX_CHANNEL_LENGTH
                || length != FIXED_LENGTH + channelLength) {
            return null;
        }
        byte[] channel = new byte[channelLength];
        buffer.getBytes(offset + FIXED_LENGTH, channel);
        return new RegisterPayload(first, end, stream, new String(channel, StandardCharsets.UTF_8));
    }
}
