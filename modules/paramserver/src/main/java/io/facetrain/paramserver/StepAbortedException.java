package io.facetrain.paramserver;

/**
 * The step a worker pushed was aborted by the server (see {@link #abort()}); nothing of it was
 * applied. Push the same step again (it continues as a new attempt) unless
 * {@link #evictedThisWorker()}.
 */
public final class StepAbortedException extends ParameterServerException {
    private static final long serialVersionUID = 1L;

    private final transient StepAbort abort;
    private final boolean evictedThisWorker;

    public StepAbortedException(StepAbort abort, int workerId) {
        super("worker " + workerId + ": " + abort
                + (abort.evictedWorkers().contains(workerId) ? "; this worker was evicted from the run" : "; push step "
                + abort.step() + " again"));
        this.abort = abort;
        this.evictedThisWorker = abort.evictedWorkers().contains(workerId);
    }

    /** What the server reported. */
    public StepAbort abort() {
        return abort;
    }

    /** True when this worker was removed from the run and must register again to take part. */
    public boolean evictedThisWorker() {
        return evictedThisWorker;
    }
}
