package io.facetrain.paramserver;

import java.util.ArrayDeque;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What the server still has to send to one worker: small control messages first, in order, then
 * at most one parameter transfer. A transfer always sends the newest version: if the parameters
 * change mid-way it restarts from chunk 0.
 */
final class Outbox {
    private final ArrayDeque<UnsafeBuffer> control = new ArrayDeque<>();
    private boolean transferPending;
    private long transferVersion = -1;
    private int nextChunk;
    private long dropped;

    void enqueue(UnsafeBuffer message) {
        control.add(message);
    }

    /** Asks for the current parameters to be sent (again, from the start). */
    void requestParameters() {
        transferPending = true;
        transferVersion = -1;
        nextChunk = 0;
    }

    boolean isEmpty() {
        return control.isEmpty() && !transferPending;
    }

    /** Messages given up because the worker could not be reached. */
    long dropped() {
        return dropped;
    }

    /**
     * Offers queued messages until the budget is spent or the publication pushes back.
     *
     * @return messages sent
     */
    int drain(PublicationSender sender, ParameterCache cache, int budget) {
        int sent = 0;
        while (sent < budget) {
            UnsafeBuffer head = control.peek();
            PublicationSender.Outcome outcome;
            if (head != null) {
                outcome = sender.offer(head, 0, head.capacity());
                if (outcome == PublicationSender.Outcome.SENT) {
                    control.poll();
                }
            } else if (transferPending) {
                if (transferVersion != cache.version()) {
                    transferVersion = cache.version();
                    nextChunk = 0;
                }
                outcome = sender.offer(cache.chunk(nextChunk), 0, cache.length(nextChunk));
                if (outcome == PublicationSender.Outcome.SENT && ++nextChunk == cache.chunkCount()) {
                    transferPending = false;
                }
            } else {
                return sent;
            }
            if (outcome == PublicationSender.Outcome.RETRY) {
                return sent;
            }
            if (outcome == PublicationSender.Outcome.FAILED) {
                dropAll();
                return sent;
            }
            sent++;
        }
        return sent;
    }

    private void dropAll() {
        dropped += control.size() + (transferPending ? 1 : 0);
        control.clear();
        transferPending = false;
    }
}
