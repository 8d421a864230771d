package io.facetrain.paramserver;

import java.io.Serializable;

/**
 * Where workers reach a server: an Aeron channel naming the server's subscription and its stream id.
 * Returned by {@link ParameterServer#endpoint()} with the actual bound port; small and serialisable
 * so a driver can hand it to its tasks.
 *
 * @param channel {@code aeron:udp?endpoint=host:port} or {@code aeron:ipc}
 * @param streamId the server's stream id
 */
public record ServerEndpoint(String channel, int streamId) implements Serializable {

    public ServerEndpoint {
        if (channel == null || !(channel.startsWith("aeron:udp?endpoint=") || channel.startsWith("aeron:ipc"))) {
            throw new IllegalArgumentException("server channel must be aeron:udp?endpoint=host:port or aeron:ipc, got "
                    + channel);
        }
        if (streamId == 0) {
            throw new IllegalArgumentException("server stream id must not be 0");
        }
    }

    /** True when the server is reached through shared memory in this JVM's media driver. */
    public boolean isIpc() {
        return channel.startsWith("aeron:ipc");
    }
}
