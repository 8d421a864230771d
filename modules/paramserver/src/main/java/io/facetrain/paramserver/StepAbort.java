package io.facetrain.paramserver;

import java.util.List;

/**
 * A step attempt the server discarded. Nothing of it was applied; the step continues as attempt
 * {@code attempt + 1} with the same parameters.
 *
 * @param step the step (= parameter version it was computed on)
 * @param attempt the discarded attempt
 * @param reason why
 * @param missingWorkers expected workers that had not delivered their whole gradient (timeouts)
 * @param nonFiniteWorkers workers whose gradient held NaN or infinity
 * @param evictedWorkers workers removed from the run as a consequence (policy
 *     {@link AbortPolicy#CONTINUE_WITHOUT_MISSING})
 * @param policy the policy in force
 */
public record StepAbort(long step, int attempt, AbortReason reason, List<Integer> missingWorkers,
                        List<Integer> nonFiniteWorkers, List<Integer> evictedWorkers, AbortPolicy policy) {

    public StepAbort {
        missingWorkers = List.copyOf(missingWorkers);
        nonFiniteWorkers = List.copyOf(nonFiniteWorkers);
        evictedWorkers = List.copyOf(evictedWorkers);
    }

    @Override
    public String toString() {
        return "step " + step + " attempt " + attempt + " aborted (" + reason + "): missing " + missingWorkers
                + ", non-finite " + nonFiniteWorkers + ", evicted " + evictedWorkers + " under " + policy;
    }
}
