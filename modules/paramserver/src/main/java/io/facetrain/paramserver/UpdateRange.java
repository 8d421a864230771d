package io.facetrain.paramserver;

import java.util.Locale;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A contiguous slice {@code [offset, offset + length)} of the flat parameter vector and the ND4J
 * updater configuration the server applies to it. The updater may carry a learning-rate
 * {@code ISchedule}; {@code NoOp} means the slice moves by exactly the combined "gradient" (how DL4J
 * expresses the update of batch-norm running statistics).
 *
 * <p>Immutable: the updater is copied on the way in and on the way out, because ND4J's updater
 * configurations have setters. Schedules inside it are treated as values (ND4J's are immutable).
 *
 * @param offset first index, >= 0
 * @param length number of values, > 0
 * @param updater the updater configuration (Adam, Sgd, NoOp, ...)
 */
public record UpdateRange(long offset, long length, IUpdater updater) {

    public UpdateRange {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("an update range needs offset >= 0 and length > 0, got offset " + offset
                    + ", length " + length);
        }
        if (offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("update range at offset " + offset + " with length " + length
                    + " ends past the largest index");
        }
        if (updater == null) {
            throw new IllegalArgumentException("update range " + bounds(offset, offset + length) + " needs an updater");
        }
        updater = updater.clone();
    }

    /** A copy of the updater configuration. */
    @Override
    public IUpdater updater() {
        return updater.clone();
    }

    /** One past the last index. */
    public long end() {
        return offset + length;
    }

    /** Floats of optimiser state this range needs (e.g. 2 × length for Adam, 0 for NoOp and plain SGD). */
    public long stateSize() {
        return updater.stateSize(length);
    }

    /** The updater's short name, e.g. {@code adam}, {@code noop}. */
    public String updaterName() {
        return updater.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** {@code [offset, end)}. */
    public String bounds() {
        return bounds(offset, end());
    }

    private static String bounds(long start, long end) {
        return "[" + start + ", " + end + ")";
    }

    @Override
    public String toString() {
        return bounds() + " " + updater;
    }
}
