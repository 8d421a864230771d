package io.facetrain.paramserver;

/**
 * Receives the server's events. Called on the server's agent thread: implementations must return
 * quickly and never block (hand work to another thread if needed).
 */
public interface ParameterServerListener {
    /** A listener that ignores everything. */
    ParameterServerListener NONE = new ParameterServerListener() {
    };

    /** A worker joined (or re-joined) for {@code steps}. */
    default void onWorkerRegistered(int workerId, StepRange steps) {
    }

    /** A worker left the run on its own. */
    default void onWorkerDeregistered(int workerId) {
    }

    /** A step was combined and applied; {@code newVersion} is now being sent to its contributors. */
    default void onStepApplied(long newVersion, int[] contributors) {
    }

    /** A step attempt was discarded. */
    default void onStepAborted(StepAbort abort) {
    }
}
