package io.facetrain.spark.train;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;
import org.apache.spark.storage.RDDInfo;
import scala.collection.JavaConverters;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Injects one failure into a training run through Spark's own listener events: once the task of one worker
 * in the first attempt of one round's barrier stage has run for a given fraction of the time the same
 * worker's task of the round before took, {@code failure} is applied to it (kill the task, kill its executor...). Records when
 * the failure was injected, when the killed attempt's tasks ended and when the retried attempt's first task
 * started, so that a test can assert the failure happened and measure the recovery.
 */
final class RoundFailureInjector extends SparkListener implements AutoCloseable {

    private final int round;
    private final int worker;
    private final double fraction;
    private final Consumer<TaskInfo> failure;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "round-failure-injector");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Integer> barrierStages = new ArrayList<>();
    private long previousTaskMs = -1;
    private boolean scheduled;
    private long injectedNanos = -1;
    private long failedAttemptEndNanos = -1;
    private long retryStartNanos = -1;
    private int retriedAttempt = -1;

    /**
     * @param round   the round (from 0, at least 1: the round before gives the timing) whose stage fails
     * @param worker   the worker (= partition) whose task the failure hits
     * @param fraction when to inject, as a fraction of the previous round's task time, from the task's launch
     * @param failure  what to do to that task, called on the injector's own thread
     */
    RoundFailureInjector(int round, int worker, double fraction, Consumer<TaskInfo> failure) {
        if (round < 1 || !(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("round must be >= 1 and fraction in (0, 1), got " + round + ", "
                    + fraction);
        }
        this.round = round;
        this.worker = worker;
        this.fraction = fraction;
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted event) {
        StageInfo stage = event.stageInfo();
        boolean barrier = JavaConverters.seqAsJavaList(stage.rddInfos()).stream().anyMatch(RDDInfo::isBarrier);
        if (barrier && stage.attemptNumber() == 0) {
            barrierStages.add(stage.stageId());
        }
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart event) {
        if (!isStageOf(round, event.stageId())) {
            return;
        }
        TaskInfo task = event.taskInfo();
        if (event.stageAttemptId() == 0 && task.index() == worker && !scheduled) {
            scheduled = true;
            // From the launch: listener events may arrive late on a busy machine.
            long atMs = task.launchTime() + Math.round((previousTaskMs > 0 ? previousTaskMs : 4000) * fraction);
            timer.schedule(() -> inject(task), Math.max(0, atMs - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        } else if (event.stageAttemptId() > 0 && retryStartNanos < 0) {
            retryStartNanos = System.nanoTime();
            retriedAttempt = event.stageAttemptId();
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
        if (isStageOf(round - 1, event.stageId()) && event.stageAttemptId() == 0 && event.taskInfo().index() == worker
                && event.taskInfo().successful()) {
            previousTaskMs = event.taskInfo().duration();
        }
        if (isStageOf(round, event.stageId()) && event.stageAttemptId() == 0) {
            failedAttemptEndNanos = Math.max(failedAttemptEndNanos, System.nanoTime());
        }
    }

    private void inject(TaskInfo task) {
        synchronized (this) {
            injectedNanos = System.nanoTime();
        }
        failure.accept(task);
    }

    private boolean isStageOf(int r, int stageId) {
        return r >= 0 && r < barrierStages.size() && barrierStages.get(r) == stageId;
    }

    /** True once the failure was applied. */
    synchronized boolean injected() {
        return injectedNanos >= 0;
    }

    /** The stage attempt that ran the round again (-1 if none did). */
    synchronized int retriedAttempt() {
        return retriedAttempt;
    }

    /** Seconds from the failure until the last task of the failed attempt ended (its slot was free). */
    synchronized double secondsUntilFailedAttemptEnded() {
        return (failedAttemptEndNanos - injectedNanos) / 1e9;
    }

    /** Seconds from the failure until the first task of the retried attempt started. */
    synchronized double secondsUntilRetryStarted() {
        return (retryStartNanos - injectedNanos) / 1e9;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
