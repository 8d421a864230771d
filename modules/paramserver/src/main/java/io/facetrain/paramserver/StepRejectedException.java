package io.facetrain.paramserver;

import io.facetrain.paramserver.wire.PushRejectedPayload;

/**
 * The server refused a push: the step is not the one it collects (the worker computed on other
 * parameters), the attempt was superseded, or the step is outside the worker's range.
 */
public final class StepRejectedException extends ParameterServerException {
    private static final long serialVersionUID = 1L;

    private final PushRejectedPayload.Reason reason;
    private final long serverVersion;

    public StepRejectedException(int workerId, long step, PushRejectedPayload.Reason reason, long serverVersion,
                                 int serverAttempt) {
        super("worker " + workerId + ": push of step " + step + " rejected (" + reason + "); the server is at version "
                + serverVersion + " attempt " + serverAttempt);
        this.reason = reason;
        this.serverVersion = serverVersion;
    }

    public PushRejectedPayload.Reason reason() {
        return reason;
    }

    /** The server's version when it refused the push (pull it to continue). */
    public long serverVersion() {
        return serverVersion;
    }
}
