package io.facetrain.paramserver;

import io.facetrain.paramserver.wire.ChunkLayout;
import io.facetrain.paramserver.wire.MessageEncoder;
import io.facetrain.paramserver.wire.TensorPayload;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The current parameter version as signed PARAMETERS messages, one per chunk. A chunk is encoded
 * and signed once per version, on first use, and the same bytes are offered to every worker; so
 * sending to W workers costs one HMAC pass, not W.
 */
final class ParameterCache {
    private final ChunkLayout layout;
    private final MessageEncoder encoder;
    private final EpochClock clock;
    private final float[] parameters;
    private final UnsafeBuffer[] messages;
    private final int[] lengths;
    private final long[] encodedVersion;
    private long version;

    /**
     * @param parameters the array holding the current parameters; read whenever a chunk of a new
     *     version is first needed
     */
    ParameterCache(ChunkLayout layout, MessageEncoder encoder, EpochClock clock, float[] parameters, long version) {
        this.layout = layout;
        this.encoder = encoder;
        this.clock = clock;
        this.parameters = parameters;
        this.messages = new UnsafeBuffer[layout.count()];
        this.lengths = new int[layout.count()];
        this.encodedVersion = new long[layout.count()];
        java.util.Arrays.fill(encodedVersion, -1);
        this.version = version;
    }

    /** Declares that the parameter array now holds {@code newVersion}. */
    void publish(long newVersion) {
        version = newVersion;
    }

    long version() {
        return version;
    }

    int chunkCount() {
        return layout.count();
    }

    /** The signed message for chunk {@code index} of the current version. */
    UnsafeBuffer chunk(int index) {
        if (encodedVersion[index] != version) {
            if (messages[index] == null) {
                messages[index] = new UnsafeBuffer(new byte[TensorPayload.maxMessageLength(layout.length(index))]);
            }
            lengths[index] = TensorPayload.encodeParameters(encoder, messages[index], version, layout, index,
                    clock.time(), parameters);
            encodedVersion[index] = version;
        }
        return messages[index];
    }

    /** Length of the message returned by {@link #chunk(int)} for the same index. */
    int length(int index) {
        return lengths[index];
    }
}
