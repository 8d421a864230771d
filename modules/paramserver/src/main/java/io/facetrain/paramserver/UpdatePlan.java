package io.facetrain.paramserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * How the server updates each part of the flat parameter vector: ordered, contiguous
 * {@link UpdateRange}s that cover {@code [0, parameterCount)} exactly, each with its own ND4J updater
 * configuration (and learning-rate schedule, if any). A DL4J network maps to one range per parameter
 * array with the updater DL4J configured for it, {@code NoOp} for batch-norm running statistics; a
 * plain vector maps to {@link #uniform}.
 *
 * <p>The optimiser state is one flat array: the ranges' states one after the other, in range order,
 * each laid out as its updater lays it out (Adam: first moments, then second moments).
 *
 * <p>Immutable. Two plans are equal when they have the same ranges and equal updater configurations
 * (ND4J's updaters and schedules compare by value; an application's own {@code ISchedule} must
 * implement {@code equals} for a driver to compare its plan with a checkpoint's).
 */
public final class UpdatePlan {
    private final List<UpdateRange> ranges;
    private final long parameterCount;
    private final long stateSize;

    private UpdatePlan(List<UpdateRange> ranges, long parameterCount) {
        this.ranges = ranges;
        this.parameterCount = parameterCount;
        long state = 0;
        for (UpdateRange range : ranges) {
            state = Math.addExact(state, range.stateSize());
        }
        this.stateSize = state;
    }

    /** One updater for all {@code parameterCount} parameters. */
    public static UpdatePlan uniform(IUpdater updater, long parameterCount) {
        requirePositive(parameterCount);
        return new UpdatePlan(List.of(new UpdateRange(0, parameterCount, updater)), parameterCount);
    }

    /**
     * A plan from ranges in vector order.
     *
     * @throws IllegalArgumentException naming the offending range if the ranges do not tile
     *     {@code [0, parameterCount)}: a gap, an overlap, a range out of order or past the end
     */
    public static UpdatePlan of(List<UpdateRange> ranges, long parameterCount) {
        requirePositive(parameterCount);
        if (ranges == null || ranges.isEmpty()) {
            throw new IllegalArgumentException("an update plan needs at least one range");
        }
        List<UpdateRange> copy = new ArrayList<>(ranges.size());
        long covered = 0;
        for (int i = 0; i < ranges.size(); i++) {
            UpdateRange range = ranges.get(i);
            if (range == null) {
                throw new IllegalArgumentException("update range " + i + " is null");
            }
            if (range.offset() < covered) {
                throw new IllegalArgumentException("update range " + i + " " + range.bounds()
                        + " starts before the end of range " + (i - 1) + " " + ranges.get(i - 1).bounds()
                        + ": ranges must be in vector order without overlaps");
            }
            if (range.offset() > covered) {
                throw new IllegalArgumentException("update range " + i + " " + range.bounds() + " leaves ["
                        + covered + ", " + range.offset() + ") without an updater"
                        + (i == 0 ? "" : " after range " + (i - 1) + " " + ranges.get(i - 1).bounds()));
            }
            if (range.end() > parameterCount) {
                throw new IllegalArgumentException("update range " + i + " " + range.bounds() + " ends past the "
                        + parameterCount + " parameters of the plan");
            }
            copy.add(range);
            covered = range.end();
        }
        if (covered != parameterCount) {
            throw new IllegalArgumentException("update ranges end at " + covered + " but the plan has "
                    + parameterCount + " parameters: [" + covered + ", " + parameterCount + ") has no updater");
        }
        return new UpdatePlan(List.copyOf(copy), parameterCount);
    }

    /** The ranges, in vector order (unmodifiable). */
    public List<UpdateRange> ranges() {
        return ranges;
    }

    /** Length of the flat parameter vector. */
    public long parameterCount() {
        return parameterCount;
    }

    /** Floats of optimiser state for the whole plan. */
    public long stateSize() {
        return stateSize;
    }

    /** True when a single range covers the vector. */
    public boolean isUniform() {
        return ranges.size() == 1;
    }

    private static void requirePositive(long parameterCount) {
        if (parameterCount <= 0) {
            throw new IllegalArgumentException("an update plan needs at least one parameter, got " + parameterCount);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpdatePlan other && parameterCount == other.parameterCount && ranges.equals(other.ranges);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(parameterCount) * 31 + ranges.hashCode();
    }

    /**
     * A one-line summary: the updater of a uniform plan, otherwise the number of values per updater
     * kind (full detail in {@link #ranges()}).
     */
    @Override
    public String toString() {
        if (isUniform()) {
            return "UpdatePlan[" + parameterCount + " parameters: " + ranges.get(0).updater() + "]";
        }
        Map<String, Long> valuesByUpdater = new TreeMap<>();
        for (UpdateRange range : ranges) {
            valuesByUpdater.merge(range.updaterName(), range.length(), Long::sum);
        }
        return "UpdatePlan[" + parameterCount + " parameters in " + ranges.size() + " range"
                + (ranges.size() == 1 ? "" : "s") + ": " + valuesByUpdater + "]";
    }
}
