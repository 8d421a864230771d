package io.facetrain.paramserver;

import io.facetrain.paramserver.wire.ChunkLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's view of one registered worker: its range, its reply publication, its gradient, its outbox. */
final class WorkerSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerSession.class);
    private final int workerId;
    private final PublicationSender sender;
    private final Contribution contribution;
    private final Outbox outbox = new Outbox();
    private StepRange steps;
    private long lastRejectedStep = -1;
    private int lastRejectedAttempt = -1;

    WorkerSession(int workerId, StepRange steps, PublicationSender sender, ChunkLayout layout) {
        this.workerId = workerId;
        this.steps = steps;
        this.sender = sender;
        this.contribution = new Contribution(layout);
    }

    int workerId() {
        return workerId;
    }

    StepRange steps() {
        return steps;
    }

    void steps(StepRange newSteps) {
        steps = newSteps;
    }

    PublicationSender sender() {
        return sender;
    }

    Contribution contribution() {
        return contribution;
    }

    Outbox outbox() {
        return outbox;
    }

    /** True the first time a push of this step attempt is refused, so the worker is told once, not per chunk. */
    boolean firstRejectionOf(long step, int attempt) {
        if (step == lastRejectedStep && attempt == lastRejectedAttempt) {
            return false;
        }
        lastRejectedStep = step;
        lastRejectedAttempt = attempt;
        return true;
    }

    /** Sends what it can; returns messages sent. */
    int drain(ParameterCache cache, int budget) {
        return outbox.drain(sender, cache, budget);
    }

    @Override
    public void close() {
        sender.close();
        if (outbox.dropped() > 0) {
            LOG.warn("worker {}: {} messages were dropped because it could not be reached", workerId, outbox.dropped());
        }
        LOG.debug("worker {} session closed after {} back-pressured offers", workerId, sender.backPressureEvents());
    }
}
