package io.facetrain.paramserver.wire;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts of dropped messages per {@link Rejection}. Written by one agent thread, readable from any
 * thread (tests, status, logs).
 */
public final class RejectionCounters {
    private final AtomicLongArray counts = new AtomicLongArray(Rejection.values().length);

    /** Counts one message dropped for {@code reason}. */
    public void increment(Rejection reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    /** Messages dropped for {@code reason} so far. */
    public long get(Rejection reason) {
        return counts.get(reason.ordinal());
    }

    /** Messages dropped for any reason so far. */
    public long total() {
        long sum = 0;
        for (int i = 0; i < counts.length(); i++) {
            sum += counts.get(i);
        }
        return sum;
    }

    /** An immutable copy holding only the non-zero counts. */
    public Map<Rejection, Long> snapshot() {
        Map<Rejection, Long> copy = new EnumMap<>(Rejection.class);
        for (Rejection reason : Rejection.values()) {
            long value = get(reason);
            if (value != 0) {
                copy.put(reason, value);
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
