package io.facetrain.spark.train;

import io.facetrain.core.train.TrainingHistory;

import java.util.List;
import java.util.Objects;

/**
 * What the driver needs, next to the server's state, to continue a run as if it had never stopped: the
 * training history up to the last completed round (round reports, validation curve, images seen, training
 * and wall time, step timings, whether the time budget was hit), the fingerprint of the run it belongs to,
 * and after which rounds earlier drivers resumed it.
 *
 * @param fingerprint  the run's settings and dataset
 * @param history      everything the run did up to and including its last completed round
 * @param resumedAfter the completed rounds earlier drivers resumed after, oldest first
 */
record DriverCheckpoint(RunFingerprint fingerprint, TrainingHistory history, List<Integer> resumedAfter) {

    DriverCheckpoint {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(history, "history");
        resumedAfter = List.copyOf(resumedAfter);
    }

    /** Rounds completed: the round the checkpoint was written after (from 1). */
    int roundsDone() {
        return history.rounds().size();
    }
}
