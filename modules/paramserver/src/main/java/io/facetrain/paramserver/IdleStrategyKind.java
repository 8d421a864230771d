package io.facetrain.paramserver;

import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * Idle strategies an agent may use between duty cycles that found no work. On shared, small
 * machines {@link #BACKOFF} is the sensible default; spinning strategies need dedicated cores.
 */
public enum IdleStrategyKind {
    /** Spins: lowest latency, burns a whole core. */
    BUSY_SPIN,
    /** Yields the thread: low latency, still busy. */
    YIELDING,
    /** Spins, then yields, then parks up to 1 ms. */
    BACKOFF,
    /** Sleeps 1 ms: cheapest, adds up to 1 ms per idle transition. */
    SLEEPING;

    /** A new instance (idle strategies keep per-thread state, so never share one). */
    public IdleStrategy create() {
        return switch (this) {
            case BUSY_SPIN -> new BusySpinIdleStrategy();
            case YIELDING -> new YieldingIdleStrategy();
            case BACKOFF -> new BackoffIdleStrategy(64, 16, TimeUnit.MICROSECONDS.toNanos(1),
                    TimeUnit.MILLISECONDS.toNanos(1));
            case SLEEPING -> new SleepingMillisIdleStrategy(1);
        };
    }
}
