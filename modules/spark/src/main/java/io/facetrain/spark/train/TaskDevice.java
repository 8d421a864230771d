package io.facetrain.spark.train;

import java.io.Serializable;
import java.util.Objects;

/**
 * The GPU a worker's task was given by Spark's resource scheduling, and whether the task's ND4J computations
 * were bound to it.
 *
 * @param gpu   the address Spark assigned ({@code TaskContext.resources().get("gpu")}), empty when the task
 *              was given no GPU
 * @param bound whether ND4J was bound to that CUDA device (false on the CPU backend, which has no devices)
 */
public record TaskDevice(String gpu, boolean bound) implements Serializable {

    /** A task without a GPU. */
    public static final TaskDevice NONE = new TaskDevice("", false);

    public TaskDevice {
        Objects.requireNonNull(gpu, "gpu");
        if (bound && gpu.isEmpty()) {
            throw new IllegalArgumentException("a task without a GPU cannot be bound to one");
        }
    }

    /** Whether Spark gave the task a GPU. */
    public boolean hasGpu() {
        return !gpu.isEmpty();
    }

    /** For logs: "gpu 1", "gpu 1 (not used: CPU backend)" or "no gpu". */
    public String describe() {
        if (!hasGpu()) {
            return "no gpu";
        }
        return bound ? "gpu " + gpu : "gpu " + gpu + " (not used: CPU backend)";
    }
}
