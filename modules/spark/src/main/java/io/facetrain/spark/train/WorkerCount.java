package io.facetrain.spark.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;

import java.util.Locale;

/**
 * How many workers train ({@code facetrain.distributed.workers}): a positive number, or {@code auto} for
 * one per task slot Spark reports ({@code defaultParallelism}: the cores of {@code local[*]}, the
 * executor cores of a cluster).
 *
 * @param fixed the configured number, or 0 for {@code auto}
 */
public record WorkerCount(int fixed) {

    /** Configuration key. */
    public static final String KEY = DistributedTrainingConfig.SECTION + ".workers";

    /** Upper bound: every worker is one task slot held for the whole run, plus one parameter-server session. */
    public static final int MAX = 4096;

    public WorkerCount {
        if (fixed < 0 || fixed > MAX) {
            throw new IllegalArgumentException(KEY + " must be \"auto\" or a number in [1, " + MAX + "], got " + fixed);
        }
    }

    /** One per task slot. */
    public static WorkerCount auto() {
        return new WorkerCount(0);
    }

    /**
     * Exactly {@code workers}.
     *
     * @throws IllegalArgumentException naming the key when {@code workers} is not in [1, {@value #MAX}]
     */
    public static WorkerCount of(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException(KEY + " must be \"auto\" or a number in [1, " + MAX + "], got " + workers);
        }
        return new WorkerCount(workers);
    }

    /** Reads {@value #KEY}; absent means {@code auto}. */
    static WorkerCount fromConfig(Config root) {
        if (!root.hasPath(KEY)) {
            return auto();
        }
        try {
            if (root.getValue(KEY).valueType() == ConfigValueType.NUMBER) {
                double value = root.getDouble(KEY);
                if (value != Math.rint(value) || Math.abs(value) > MAX) {
                    throw new IllegalArgumentException(KEY + " must be \"auto\" or a number in [1, " + MAX + "], got "
                            + root.getValue(KEY).render());
                }
                return of((int) value);
            }
            String text = root.getString(KEY).trim().toLowerCase(Locale.ROOT);
            if (text.equals("auto")) {
                return auto();
            }
            return of(Integer.parseInt(text));
        } catch (NumberFormatException | ConfigException e) {
            throw new IllegalArgumentException(KEY + " must be \"auto\" or a number in [1, " + MAX + "], got "
                    + root.getValue(KEY).render(), e);
        }
    }

    /** True for {@code auto}. */
    public boolean isAuto() {
        return fixed == 0;
    }

    /** The number of workers, given Spark's default parallelism for {@code auto}. */
    public int resolve(int defaultParallelism) {
        return isAuto() ? Math.max(1, Math.min(MAX, defaultParallelism)) : fixed;
    }

    @Override
    public String toString() {
        return isAuto() ? "auto" : Integer.toString(fixed);
    }
}
