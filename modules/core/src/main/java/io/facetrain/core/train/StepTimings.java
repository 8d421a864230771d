package io.facetrain.core.train;

import java.io.Serializable;

/**
 * Where the time of training steps went, in nanoseconds: preparing the minibatch (sampling, augmentation,
 * copying), the forward pass, mining and the loss, the backward pass, and the update step. Immutable;
 * add up with {@link #plus}.
 */
public record StepTimings(long dataNanos, long forwardNanos, long lossNanos, long backwardNanos, long updateNanos)
        implements Serializable {

    public static final StepTimings ZERO = new StepTimings(0, 0, 0, 0, 0);

    public StepTimings plus(StepTimings o) {
        return new StepTimings(dataNanos + o.dataNanos, forwardNanos + o.forwardNanos, lossNanos + o.lossNanos,
                backwardNanos + o.backwardNanos, updateNanos + o.updateNanos);
    }

    public long totalNanos() {
        return dataNanos + forwardNanos + lossNanos + backwardNanos + updateNanos;
    }

    /** Share of the total spent in each part, as "data 3% forward 31% ..." */
    public String shares() {
        double t = Math.max(1, totalNanos());
        return String.format("data %.0f%% forward %.0f%% mining+loss %.0f%% backward %.0f%% update %.0f%%",
                100 * dataNanos / t, 100 * forwardNanos / t, 100 * lossNanos / t, 100 * backwardNanos / t,
                100 * updateNanos / t);
    }
}
