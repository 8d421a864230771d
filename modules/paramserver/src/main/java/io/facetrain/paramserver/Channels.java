package io.facetrain.paramserver;

import io.aeron.ChannelUri;
import io.aeron.ChannelUriStringBuilder;
import io.aeron.CommonContext;
import io.aeron.Subscription;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.NanoClock;

/**
 * Builds the Aeron channel strings of a run from its configuration. Public so that tools (the
 * benchmarks' raw-Aeron baseline) can use exactly the channel settings the server and its workers use.
 */
public final class Channels {
    private Channels() {
    }

    /** The server's subscription: a UDP endpoint (port 0 = ephemeral) or IPC. */
    public static String serverSubscription(ParamServerConfig config) {
        if (config.transport() == Transport.IPC) {
            return CommonContext.IPC_CHANNEL;
        }
        return receiving(new ChannelUriStringBuilder().media(CommonContext.UDP_MEDIA)
                .endpoint(hostPort(config.serverHost(), config.serverPort())), config).build();
    }

    /** The endpoint workers use once the server's subscription is bound. */
    public static ServerEndpoint advertisedServer(ParamServerConfig config, Subscription subscription,
                                                  NanoClock clock) {
        if (config.transport() == Transport.IPC) {
            return new ServerEndpoint(CommonContext.IPC_CHANNEL, config.serverStreamId());
        }
        int port = boundPort(subscription, clock, config.connectTimeout().toNanos(), "server subscription");
        return new ServerEndpoint("aeron:udp?endpoint=" + hostPort(config.serverHost(), port), config.serverStreamId());
    }

    /** A worker's subscription for the server's replies. */
    public static String workerSubscription(ParamServerConfig config, boolean ipc, int ipcSessionId) {
        if (ipc) {
            return new ChannelUriStringBuilder().media(CommonContext.IPC_MEDIA).sessionId(ipcSessionId).build();
        }
        return receiving(new ChannelUriStringBuilder().media(CommonContext.UDP_MEDIA)
                .endpoint(hostPort(config.workerHost(), 0)), config).build();
    }

    /** The reply channel a worker announces in its registration. */
    public static String advertisedWorker(ParamServerConfig config, boolean ipc, int ipcSessionId,
                                          Subscription subscription, NanoClock clock) {
        if (ipc) {
            return new ChannelUriStringBuilder().media(CommonContext.IPC_MEDIA).sessionId(ipcSessionId).build();
        }
        int port = boundPort(subscription, clock, config.connectTimeout().toNanos(), "worker reply subscription");
        return "aeron:udp?endpoint=" + hostPort(config.workerHost(), port);
    }

    /**
     * A publication towards {@code destination} (a server endpoint or a worker's announced reply
     * channel) with this side's MTU, term length and socket buffer; an IPC session id in the
     * destination is kept so the message reaches only that worker's subscription.
     */
    public static String publication(ParamServerConfig config, String destination) {
        ChannelUri uri = ChannelUri.parse(destination);
        ChannelUriStringBuilder builder = new ChannelUriStringBuilder().media(uri.media())
                .mtu(config.mtu()).termLength(config.termLength()).sparse(config.sparseTermBuffers());
        if (CommonContext.UDP_MEDIA.equals(uri.media())) {
            builder.endpoint(uri.get(CommonContext.ENDPOINT_PARAM_NAME));
            if (config.socketBufferLength() > 0) {
                builder.socketSndbufLength(config.socketBufferLength());
            }
        }
        String sessionId = uri.get(CommonContext.SESSION_ID_PARAM_NAME);
        if (sessionId != null) {
            builder.sessionId(Integer.valueOf(sessionId));
        }
        return builder.build();
    }

    /**
     * Checks that a worker's announced reply channel is one we can publish to: UDP with an endpoint
     * or IPC with a session id.
     */
    public static boolean isValidReplyChannel(String channel) {
        try {
            ChannelUri uri = ChannelUri.parse(channel);
            if (CommonContext.UDP_MEDIA.equals(uri.media())) {
                String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
                return endpoint != null && endpoint.lastIndexOf(':') > 0 && !endpoint.endsWith(":0");
            }
            if (CommonContext.IPC_MEDIA.equals(uri.media())) {
                String session = uri.get(CommonContext.SESSION_ID_PARAM_NAME);
                return session != null && session.matches("-?\\d+");
            }
            return false;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ChannelUriStringBuilder receiving(ChannelUriStringBuilder builder, ParamServerConfig config) {
        if (config.socketBufferLength() > 0) {
            builder.socketRcvbufLength(config.socketBufferLength());
        }
        if (config.receiverWindowLength() > 0) {
            builder.receiverWindowLength(config.receiverWindowLength());
        }
        return builder.sparse(config.sparseTermBuffers());
    }

    public static String hostPort(String host, int port) {
        boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
        return (ipv6 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Waits until the driver has bound the subscription's socket and returns its port. */
    private static int boundPort(Subscription subscription, NanoClock clock, long timeoutNs, String what) {
        long deadline = clock.nanoTime() + timeoutNs;
        while (clock.nanoTime() < deadline) {
            List<String> addresses = subscription.localSocketAddresses();
            if (!addresses.isEmpty()) {
                String address = addresses.get(0);
                return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            }
            sleepBriefly();
        }
        throw new ParameterServerException("the media driver did not bind the " + what + " on "
                + subscription.channel() + " within " + TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms");
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParameterServerException("interrupted while waiting for the media driver", e);
        }
    }
}
