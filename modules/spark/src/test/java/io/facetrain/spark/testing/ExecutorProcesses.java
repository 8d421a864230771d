package io.facetrain.spark.testing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The executor JVMs of a local-cluster context. Its standalone Workers run inside the driver (test) JVM and
 * start each executor with this JVM's java executable as a direct child process. The executors' command lines
 * cannot identify them (Linux reports only their first 4 KB, all class path), so they are the java children
 * that did not exist before the context started.
 */
final class ExecutorProcesses {

    private final Set<Long> preexisting;

    private ExecutorProcesses(Set<Long> preexisting) {
        this.preexisting = preexisting;
    }

    /** Remembers the children this JVM has now; call it before the context starts. */
    static ExecutorProcesses snapshot() {
        return new ExecutorProcesses(ProcessHandle.current().children().map(ProcessHandle::pid)
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** The live java child processes started after the snapshot. */
    List<ProcessHandle> started() {
        Optional<String> java = ProcessHandle.current().info().command();
        return ProcessHandle.current().children()
                .filter(child -> !preexisting.contains(child.pid()))
                .filter(child -> java.isPresent() && child.info().command().equals(java))
                .toList();
    }

    /**
     * Waits until every executor has exited; one still alive after {@code grace} (Spark stops them when the
     * context stops) is killed, so that no test class leaves JVMs behind.
     */
    void awaitExit(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle executor : started()) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!exited(executor, left)) {
                executor.destroyForcibly();
                if (!exited(executor, TimeUnit.SECONDS.toNanos(10))) {
                    throw new IllegalStateException("executor JVM " + executor.pid() + " did not exit");
                }
            }
        }
    }

    private static boolean exited(ProcessHandle process, long timeoutNanos) {
        try {
            process.onExit().get(timeoutNanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for executor JVM " + process.pid(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot wait for executor JVM " + process.pid(), e);
        }
    }
}
