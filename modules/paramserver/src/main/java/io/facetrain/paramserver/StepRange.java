package io.facetrain.paramserver;

import java.io.Serializable;

/**
 * The steps a worker registers for: it is expected to push every step {@code s} with
 * {@code first <= s < end}.
 *
 * @param first first step pushed
 * @param end step after the last one pushed ({@link Long#MAX_VALUE} for open-ended)
 */
public record StepRange(long first, long end) implements Serializable {

    public StepRange {
        if (first < 0) {
            throw new IllegalArgumentException("first step must be >= 0, got " + first);
        }
        if (end <= first) {
            throw new IllegalArgumentException("end step " + end + " must be greater than first step " + first);
        }
    }

    /** Steps {@code first} up to {@code end - 1}. */
    public static StepRange of(long first, long end) {
        return new StepRange(first, end);
    }

    /** Every step from {@code first} on. */
    public static StepRange from(long first) {
        return new StepRange(first, Long.MAX_VALUE);
    }

    /** True when {@code step} lies in this range. */
    public boolean contains(long step) {
        return step >= first && step < end;
    }

    @Override
    public String toString() {
        return "[" + first + ", " + (end == Long.MAX_VALUE ? "∞" : Long.toString(end)) + ")";
    }
}
