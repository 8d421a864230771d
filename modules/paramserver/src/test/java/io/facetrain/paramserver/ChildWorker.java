package io.facetrain.paramserver;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.IoUtil;

/**
 * A {@link WorkerProcess} in a child JVM with this JVM's class path and module flags. Collects its
 * output so tests can wait for protocol lines; {@link #close()} kills it if still running and
 * removes its media driver directory (a killed JVM cannot).
 */
final class ChildWorker implements AutoCloseable {
    private final int workerId;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ChildWorker(int workerId, Process process) {
        this.workerId = workerId;
        this.process = process;
        this.reader = new Thread(this::readOutput, "child-worker-" + workerId + "-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts a worker process; {@code stallAt} = -1 for none. */
    static ChildWorker start(ServerEndpoint server, RunCredentials credentials, int workerId, StepRange steps,
                             LinearRegressionTask task, int batch, long stallAt, ParamServerConfig config)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-") || argument.startsWith("-XX:+IgnoreUnrecognized")) {
                command.add(argument);
            }
        }
        // Small, quick JVMs: the worker only sums floats and moves bytes.
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerProcess.class.getName());
        command.add(server.channel());
        command.add(Integer.toString(server.streamId()));
        command.add(Long.toString(credentials.runId()));
        command.add(Integer.toString(workerId));
        command.add(Long.toString(steps.first()));
        command.add(Long.toString(steps.end()));
        command.add(Integer.toString(task.dimension()));
        command.add(Long.toString(task.seed()));
        command.add(Integer.toString(batch));
        command.add(Long.toString(stallAt));
        command.add(TestSettings.toHocon(config));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            stdin.write(credentials.secretHex() + "\n");
        }
        return new ChildWorker(workerId, process);
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (lines) {
                lines.add("OUTPUT READ FAILED " + e);
                lines.notifyAll();
            }
        }
    }

    /** Waits for an output line starting with {@code prefix}; returns it. */
    String awaitLine(String prefix, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        synchronized (lines) {
            for (long remaining = deadline - System.nanoTime(); remaining > 0; remaining = deadline - System.nanoTime()) {
                for (String line : lines) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                TimeUnit.NANOSECONDS.timedWait(lines, remaining);
            }
            throw new AssertionError("worker " + workerId + " printed no '" + prefix + "' within " + timeoutSeconds
                    + " s; output:\n" + String.join("\n", lines));
        }
    }

    /** Waits for the process to exit; returns its exit code. */
    int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new AssertionError("worker " + workerId + " did not exit within " + timeoutSeconds + " s; output:\n"
                    + output());
        }
        return process.exitValue();
    }

    /** Kills the JVM at once, like a lost executor. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                kill();
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        synchronized (lines) {
            for (String line : lines) {
                if (line.startsWith("AERON_DIR ")) {
                    File directory = new File(line.substring("AERON_DIR ".length()));
                    if (Files.isDirectory(directory.toPath())) {
                        IoUtil.delete(directory, true);
                    }
                }
            }
        }
    }
}
