package io.facetrain.paramserver;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import java.util.concurrent.TimeUnit;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exclusive publication used from one agent thread, with every {@code offer()} outcome mapped to
 * what the caller should do: back-pressure and admin actions are retried, a peer that stays
 * unconnected past the send timeout is given up, a closed publication fails, and a publication that
 * reached its maximum position is replaced by a fresh one.
 */
final class PublicationSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PublicationSender.class);

    /** What happened to an offer. */
    enum Outcome {
        /** The message is in the log; move on. */
        SENT,
        /** Not now (back-pressure, admin action, not yet connected): offer the same message again later. */
        RETRY,
        /** The peer cannot be reached: stop sending to it. */
        FAILED
    }

    private final Aeron aeron;
    private final String channel;
    private final int streamId;
    private final NanoClock clock;
    private final long notConnectedTimeoutNs;
    private final String peer;

    private ExclusivePublication publication;
    private long notConnectedSinceNs = -1;
    private long backPressureEvents;
    private String failure;
    private boolean closed;

    PublicationSender(Aeron aeron, String channel, int streamId, NanoClock clock, long notConnectedTimeoutNs,
                      String peer) {
        this.aeron = aeron;
        this.channel = channel;
        this.streamId = streamId;
        this.clock = clock;
        this.notConnectedTimeoutNs = notConnectedTimeoutNs;
        this.peer = peer;
        this.publication = aeron.addExclusivePublication(channel, streamId);
    }

    /**
     * Offers one complete message. {@link Outcome#FAILED} after a long disconnection tells the caller
     * to drop what it queued; later offers try again (the peer may come back). After the publication
     * was closed every offer fails.
     */
    Outcome offer(DirectBuffer buffer, int offset, int length) {
        if (closed) {
            return Outcome.FAILED;
        }
        long result = publication.offer(buffer, offset, length);
        if (result > 0) {
            notConnectedSinceNs = -1;
            return Outcome.SENT;
        }
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION) {
            backPressureEvents++;
            return Outcome.RETRY;
        }
        if (result == Publication.NOT_CONNECTED) {
            long now = clock.nanoTime();
            if (notConnectedSinceNs < 0) {
                notConnectedSinceNs = now;
            } else if (now - notConnectedSinceNs > notConnectedTimeoutNs) {
                long waitedMs = TimeUnit.NANOSECONDS.toMillis(now - notConnectedSinceNs);
                notConnectedSinceNs = -1;
                return fail("not connected for " + waitedMs + " ms");
            }
            return Outcome.RETRY;
        }
        if (result == Publication.MAX_POSITION_EXCEEDED) {
            // The log is exhausted; a new publication starts a new log (the receiver sees a new image).
            LOG.info("publication to {} reached its maximum position; replacing it", peer);
            CloseHelper.quietClose(publication);
            publication = aeron.addExclusivePublication(channel, streamId);
            return Outcome.RETRY;
        }
        closed = true;
        return fail(result == Publication.CLOSED ? "publication closed" : "unexpected offer result " + result);
    }

    private Outcome fail(String reason) {
        failure = reason;
        LOG.warn("giving up sending to {} on {} stream {}: {}", peer, channel, streamId, reason);
        return Outcome.FAILED;
    }

    /** Why sending last failed, or {@code null} if it never did. */
    String failure() {
        return failure;
    }

    /** The channel this sender publishes on. */
    String channel() {
        return channel;
    }

    int streamId() {
        return streamId;
    }

    /** How often an offer met back-pressure or an admin action. */
    long backPressureEvents() {
        return backPressureEvents;
    }

    @Override
    public void close() {
        CloseHelper.close(publication);
    }
}
