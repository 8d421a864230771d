package io.facetrain.spark.train;

import java.util.Objects;
import java.util.Optional;

/**
 * How a distributed run starts, decided on the driver before any Spark job: where it checkpoints, what its
 * checkpoints are valid for, and the checkpoint it continues from when it resumes.
 *
 * @param checkpoints where every completed round is checkpointed
 * @param fingerprint this run's settings and dataset, recorded in each checkpoint
 * @param resumed     the checkpoint a resumed run continues from; empty for a new run
 */
record RunStart(RunCheckpoints checkpoints, RunFingerprint fingerprint, Optional<RunCheckpoints.Restored> resumed) {

    RunStart {
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(resumed, "resumed");
    }
}
