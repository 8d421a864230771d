package io.facetrain.paramserver;

import io.facetrain.paramserver.wire.Rejection;
import java.util.List;
import java.util.Map;

/**
 * A consistent picture of a server at one moment.
 *
 * @param version current parameter version (the step being collected)
 * @param attempt current attempt of that step
 * @param registeredWorkers registered worker ids, ascending
 * @param waitingFor workers expected for the current step whose gradient is not complete yet
 * @param recentAborts the latest aborted attempts, oldest first (bounded)
 * @param rejections dropped inbound messages per reason (non-zero only)
 */
public record ServerStatus(long version, int attempt, List<Integer> registeredWorkers, List<Integer> waitingFor,
                           List<StepAbort> recentAborts, Map<Rejection, Long> rejections) {

    public ServerStatus {
        registeredWorkers = List.copyOf(registeredWorkers);
        waitingFor = List.copyOf(waitingFor);
        recentAborts = List.copyOf(recentAborts);
        rejections = Map.copyOf(rejections);
    }

    /** The most recent abort, or {@code null} if none happened. */
    public StepAbort lastAbort() {
        return recentAborts.isEmpty() ? null : recentAborts.get(recentAborts.size() - 1);
    }
}
