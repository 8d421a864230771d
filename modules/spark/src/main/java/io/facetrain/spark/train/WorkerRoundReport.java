package io.facetrain.spark.train;

import io.facetrain.core.train.RoundRunner;

import java.io.Serializable;
import java.util.Objects;

/**
 * What one worker did in one round, sent from its task to the driver.
 *
 * @param worker        the worker (= partition)
 * @param round         the round, from 0
 * @param firstStep     global number of the round's first step
 * @param startStep     global number of the first step this task took: {@code firstStep}, or later when the
 *                      task is a retry that continued the round from the parameter server's version
 * @param stageAttempt  the attempt of the round's barrier stage the task belonged to (0 unless Spark retried it)
 * @param executor      the address of the executor the task ran on
 * @param pid           the process id of the JVM the task ran in
 * @param device        the GPU Spark gave the task, and whether the task computed on it
 * @param images        images in the worker's partition
 * @param persons       persons in the worker's partition
 * @param result        the round's steps, losses, mining statistics and step timings
 * @param exchangeNanos time blocked in push-and-pull (sending, waiting for the other workers and the
 *                      server, receiving); part of the timings' update time
 * @param setupNanos    time before the first step's data: media driver, network, registration, first pull
 * @param taskNanos     the whole task
 */
public record WorkerRoundReport(int worker, int round, long firstStep, long startStep, int stageAttempt,
                                String executor, long pid, TaskDevice device, int images, int persons, RoundRunner.RoundResult result,
                                long exchangeNanos, long setupNanos, long taskNanos)
        implements Serializable {

    public WorkerRoundReport {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(result, "result");
        if (startStep < firstStep || stageAttempt < 0) {
            throw new IllegalArgumentException("worker " + worker + ": start step " + startStep + " before the round's "
                    + "first step " + firstStep + ", or negative stage attempt " + stageAttempt);
        }
    }

    /** The step after the last one this task took. */
    public long endStep() {
        return startStep + result.steps();
    }
}
