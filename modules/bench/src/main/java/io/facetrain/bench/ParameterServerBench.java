package io.facetrain.bench;

import io.aeron.driver.ThreadingMode;
import io.aeron.driver.status.SystemCounterDescriptor;
import io.facetrain.paramserver.EmbeddedAeron;
import io.facetrain.paramserver.OptimizerSpec;
import io.facetrain.paramserver.ParamServerConfig;
import io.facetrain.paramserver.ParameterServer;
import io.facetrain.paramserver.ParameterServerClient;
import io.facetrain.paramserver.RunCredentials;
import io.facetrain.paramserver.ServerState;
import io.facetrain.paramserver.StepRange;
import io.facetrain.paramserver.Transport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Step latency and exchange throughput of the synchronous parameter server over UDP loopback,
 * against bare Aeron moving the same messages over the same channels in the same run.
 *
 * <p>For each parameter count and worker count, {@code warmup + steps} rounds of: one raw exchange
 * (every worker sends the tensor to a bare subscription, which then sends it back to every worker,
 * in the same message sizes over the same channel settings), the same exchange with every message
 * HMAC-signed and verified (the protocol's mandatory cost, see {@link RawAeronExchange}), then one
 * parameter-server step (every worker pushes a fixed gradient and waits for the next version; Adam
 * runs on the server).
 * Alternating the two makes both see the same machine load. Workers are threads of this JVM, each
 * with its own client; all share one embedded media driver, as executors on one host would.
 * Figures are medians of the measured rounds.
 */
@Command(name = "parameter-server-bench", mixinStandardHelpOptions = true,
        description = "Parameter server step latency and MB/s against raw Aeron over UDP loopback.")
public final class ParameterServerBench implements Callable<Integer> {
    @Option(names = "--params", split = ",", description = "Parameter counts (default: ${DEFAULT-VALUE}).",
            defaultValue = "500000,5000000,25000000")
    int[] parameterCounts;

    @Option(names = "--workers", split = ",", description = "Worker counts (default: ${DEFAULT-VALUE}).",
            defaultValue = "1,2,4")
    int[] workerCounts;

    @Option(names = "--steps", description = "Measured rounds (raw exchange + step) per configuration "
            + "(default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    int steps;

    @Option(names = "--warmup", description = "Unmeasured steps first (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    int warmup;

    @Option(names = "--chunk-size", description = "Tensor bytes per message (default: ${DEFAULT-VALUE}).",
            defaultValue = "1048576")
    int chunkSize;

    @Option(names = "--term-length", description = "Aeron term length (default: ${DEFAULT-VALUE}).",
            defaultValue = "16777216")
    int termLength;

    @Option(names = "--mtu", description = "Aeron MTU (default: ${DEFAULT-VALUE}).", defaultValue = "32768")
    int mtu;

    @Option(names = "--receiver-window", description = "UDP receiver window, at most term-length/2 "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "1048576")
    int receiverWindow;

    @Option(names = "--threading-mode", description = "Media driver threading: SHARED, SHARED_NETWORK or DEDICATED "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "SHARED")
    ThreadingMode threadingMode;

    private final PrintStream out;

    ParameterServerBench(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(new CommandLine(new ParameterServerBench(out)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ParamServerConfig config = ParamServerConfig.builder()
                .transport(Transport.UDP)
                .mtu(mtu)
                .termLength(termLength)
                .chunkSize(chunkSize)
                .receiverWindowLength(receiverWindow)
                .driverThreadingMode(threadingMode)
                .optimizer(OptimizerSpec.adam(1e-3))
                .stepTimeout(Duration.ofSeconds(60))
                .pushTimeout(Duration.ofSeconds(120))
                .conclude();
        out.printf(Locale.ROOT, "# %s%n# %d cores, %s %s, max heap %d MB%n", config,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        List<Result> results = run(config);
        BenchTable table = new BenchTable("params", "workers", "MB/step", "raw ms", "raw MB/s", "signed raw ms",
                "signed/raw MB/s", "step ms", "step p90 ms", "PS MB/s", "PS/raw MB/s", "PS/signed MB/s",
                "step/raw time");
        for (Result r : results) {
            table.add(r.parameters, r.workers, format(r.megabytesPerStep()), format(r.rawMillis), format(r.rawMbPerSecond()),
                    format(r.signedRawMillis), format(r.rawMillis / r.signedRawMillis), format(r.stepMillis),
                    format(r.stepP90Millis), format(r.psMbPerSecond()), format(r.psMbPerSecond() / r.rawMbPerSecond()),
                    format(r.signedRawMillis / r.stepMillis), format(r.stepMillis / r.rawMillis));
        }
        table.print(out);
        return 0;
    }

    /** Runs every configuration and returns its figures. */
    List<Result> run(ParamServerConfig config) throws Exception {
        List<Result> results = new ArrayList<>();
        int maxWorkers = Arrays.stream(workerCounts).max().orElse(1);
        ExecutorService pool = Executors.newFixedThreadPool(maxWorkers);
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(config)) {
            for (int parameters : parameterCounts) {
                for (int workers : workerCounts) {
                    long naksBefore = naksSent(aeron);
                    Result result = measure(aeron, config, parameters, workers, pool);
                    out.printf(Locale.ROOT, "# %d params x %d workers: raw %.1f ms, signed raw %.1f ms, step %.1f ms "
                                    + "(p90 %.1f), %d NAKs, load average %s%n", parameters, workers, result.rawMillis,
                            result.signedRawMillis, result.stepMillis, result.stepP90Millis, naksSent(aeron) - naksBefore, loadAverage());
                    results.add(result);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    /**
     * Alternates raw exchanges, signed raw exchanges and parameter-server steps of one configuration, so
     * all see the same machine load; returns the medians (and the step's 90th percentile).
     */
    private Result measure(EmbeddedAeron aeron, ParamServerConfig config, int parameters, int workers,
                           ExecutorService pool) throws Exception {
        RunCredentials credentials = RunCredentials.generate(new SecureRandom());
        float[] initial = new float[parameters];
        float[] gradient = new float[parameters];
        SplittableRandom random = new SplittableRandom(parameters);
        for (int i = 0; i < parameters; i++) {
            initial[i] = (float) random.nextGaussian();
            gradient[i] = (float) random.nextGaussian() * 1e-3f;
        }
        int total = warmup + steps;
        double[] rawMillis = new double[steps];
        double[] signedRawMillis = new double[steps];
        double[] stepMillis = new double[steps];
        int[] ids = new int[workers];
        Arrays.setAll(ids, i -> i);
        List<ParameterServerClient> clients = new ArrayList<>();
        try (RawAeronExchange raw = new RawAeronExchange(aeron.aeron(), config, parameters, workers, null,
                TimeUnit.SECONDS.toNanos(120));
             RawAeronExchange signedRaw = new RawAeronExchange(aeron.aeron(), config, parameters, workers,
                     credentials.secret(), TimeUnit.SECONDS.toNanos(120));
             ParameterServer server = ParameterServer.start(aeron.aeron(), config, credentials,
                     ServerState.initial(initial, config.optimizer()))) {
            server.expectWorkers(StepRange.of(0, total), ids);
            for (int w = 0; w < workers; w++) {
                clients.add(ParameterServerClient.connect(aeron.aeron(), config, credentials, server.endpoint(), w,
                        StepRange.of(0, total)));
            }
            List<float[]> targets = new ArrayList<>();
            for (ParameterServerClient client : clients) {
                float[] target = new float[parameters];
                client.pull(target);
                targets.add(target);
            }
            for (int step = 0; step < total; step++) {
                double rawTime = raw.exchange(pool) / 1e6;
                double signedRawTime = signedRaw.exchange(pool) / 1e6;
                double stepTime = step(clients, targets, gradient, step, pool) / 1e6;
                if (step >= warmup) {
                    rawMillis[step - warmup] = rawTime;
                    signedRawMillis[step - warmup] = signedRawTime;
                    stepMillis[step - warmup] = stepTime;
                }
            }
        } finally {
            for (ParameterServerClient client : clients) {
                client.close();
            }
        }
        return new Result(parameters, workers, percentile(rawMillis, 0.5), percentile(signedRawMillis, 0.5),
                percentile(stepMillis, 0.5),
                percentile(stepMillis, 0.9));
    }

    /** One synchronous step: every worker pushes and waits; nanoseconds until the last has the next version. */
    private static long step(List<ParameterServerClient> clients, List<float[]> targets, float[] gradient, long step,
                             ExecutorService pool) throws Exception {
        long start = System.nanoTime();
        List<CompletableFuture<Long>> pushes = new ArrayList<>();
        for (int w = 0; w < clients.size(); w++) {
            ParameterServerClient client = clients.get(w);
            float[] target = targets.get(w);
            pushes.add(CompletableFuture.supplyAsync(() -> client.pushAndPull(step, gradient, 1.0, target), pool));
        }
        for (CompletableFuture<Long> push : pushes) {
            push.get(120, TimeUnit.SECONDS);
        }
        return System.nanoTime() - start;
    }

    /** NAKs the embedded driver sent so far: each one is a loss the receiver had to repair. */
    private static long naksSent(EmbeddedAeron aeron) {
        return aeron.aeron().countersReader().getCounterValue(SystemCounterDescriptor.NAK_MESSAGES_SENT.id());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static double percentile(double[] values, double fraction) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(fraction * (sorted.length - 1)))];
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Figures of one configuration. */
    record Result(int parameters, int workers, double rawMillis, double signedRawMillis, double stepMillis,
                  double stepP90Millis) {
        /** Tensor bytes exchanged per step: every worker pushes and pulls the whole tensor. */
        double megabytesPerStep() {
            return 2.0 * workers * parameters * Float.BYTES / 1e6;
        }

        double rawMbPerSecond() {
            return megabytesPerStep() / (rawMillis / 1e3);
        }

        double psMbPerSecond() {
            return megabytesPerStep() / (stepMillis / 1e3);
        }
    }
}
