package io.facetrain.spark.train;

import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

/**
 * Binds a worker's task to the GPU Spark's resource scheduling gave it. Spark tells a task its GPU addresses
 * but neither sets {@code CUDA_VISIBLE_DEVICES} nor tells ND4J, whose CUDA backend otherwise spreads threads
 * over every device it sees: two workers on one multi-GPU executor would then share devices while others idle.
 * Binding the task thread before it creates any array puts the worker's network, batches and updates on
 * its own device. Spark reuses task threads, so every task binds again.
 *
 * <p>The addresses are CUDA device indices as the executor's process numbers its devices: what
 * {@code deploy/gpu/getGpusResources.sh} prints ({@code nvidia-smi}'s indices). An executor limited by
 * {@code CUDA_VISIBLE_DEVICES} or a container sees its devices renumbered from 0, and its discovery script
 * must say so (in a container {@code nvidia-smi} already does).
 */
final class TaskGpus {

    /** Spark's name of the GPU resource, as in {@code spark.task.resource.gpu.amount}. */
    static final String RESOURCE = "gpu";
    static final String TASK_AMOUNT_KEY = "spark.task.resource." + RESOURCE + ".amount";

    private TaskGpus() {
    }

    /**
     * Refuses, before any job, a configuration that gives each task more than one GPU: a worker trains on one
     * device, so the others would sit idle. Fractions (tasks sharing a GPU) are allowed.
     */
    static void checkOnePerTask(SparkConf conf) {
        if (!conf.contains(TASK_AMOUNT_KEY)) {
            return;
        }
        String value = conf.get(TASK_AMOUNT_KEY);
        double amount;
        try {
            amount = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TASK_AMOUNT_KEY + " = " + value + " is not a number", e);
        }
        if (amount > 1) {
            throw new IllegalArgumentException(TASK_AMOUNT_KEY + " = " + value + " gives each training task "
                    + "several GPUs but a worker computes on one: set it to 1 (one worker per GPU), or below 1 for "
                    + "workers sharing a GPU");
        }
    }

    /** Binds the calling task thread to its GPU, if Spark gave it one; what it did, for the worker's report. */
    static TaskDevice bind(TaskContext context) {
        ResourceInformation gpus = context.resourcesJMap().get(RESOURCE);
        List<String> addresses = gpus == null ? List.of() : Arrays.asList(gpus.addresses());
        boolean cpuBackend = Nd4j.getEnvironment().isCPU();
        TaskDevice device = choose(addresses, cpuBackend, Nd4j.getAffinityManager().getNumberOfDevices());
        if (device.bound()) {
            Nd4j.getAffinityManager().unsafeSetDevice(Integer.parseInt(device.gpu()));
        }
        return device;
    }

    /**
     * What a task given {@code addresses} does on this backend.
     *
     * @param addresses   the task's GPU addresses from Spark (empty: no GPU scheduling)
     * @param cpuBackend  whether ND4J runs on its CPU backend (which ignores GPUs)
     * @param cudaDevices devices the CUDA backend sees (ignored on the CPU backend)
     * @throws IllegalStateException several addresses, an address that is not a device index, or one this
     *                               process does not see
     */
    static TaskDevice choose(List<String> addresses, boolean cpuBackend, int cudaDevices) {
        if (addresses.isEmpty()) {
            return TaskDevice.NONE;
        }
        if (addresses.size() > 1) {
            throw new IllegalStateException("the task was given GPUs " + addresses + " but a worker computes on one: "
                    + "set " + TASK_AMOUNT_KEY + " = 1");
        }
        String address = addresses.get(0).trim();
        int index = deviceIndex(address);
        if (cpuBackend) {
            return new TaskDevice(address, false);
        }
        if (index >= cudaDevices) {
            throw new IllegalStateException("Spark gave the task GPU " + address + " but this executor's process sees "
                    + cudaDevices + " CUDA device(s), 0 to " + (cudaDevices - 1) + ": the GPU discovery script must "
                    + "print device indices as this process numbers them (CUDA_VISIBLE_DEVICES renumbers from 0)");
        }
        return new TaskDevice(address, true);
    }

    private static int deviceIndex(String address) {
        if (!address.matches("\\d{1,6}")) {
            throw new IllegalStateException("Spark gave the task GPU address '" + address + "', which is not a CUDA "
                    + "device index: the GPU discovery script must print indices such as \"0\", \"1\"");
        }
        return Integer.parseInt(address);
    }
}
