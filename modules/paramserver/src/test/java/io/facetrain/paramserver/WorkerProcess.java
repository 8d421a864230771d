package io.facetrain.paramserver;

import com.typesafe.config.ConfigFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A worker in its own JVM, started by {@link ChildWorker}. It embeds its own media driver, connects
 * over UDP and runs {@link WorkerLoop}. The run's secret arrives on standard input (never on the
 * command line); progress goes to standard output as protocol lines the test waits for:
 * {@code AERON_DIR <dir>}, {@code REGISTERED}, {@code STEP <s>}, {@code ABORTED <s> ...},
 * {@code STALLING <s>}, {@code DONE <version>}.
 *
 * <p>Arguments: server channel, server stream id, run id, worker id, first step, end step, task
 * dimension, task seed, batch, step to stall at (-1 for none), HOCON of the paramserver section.
 */
public final class WorkerProcess {
    private static final long STALL_LIMIT_SECONDS = 120;

    private WorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ServerEndpoint server = new ServerEndpoint(args[0], Integer.parseInt(args[1]));
        long runId = Long.parseLong(args[2]);
        int workerId = Integer.parseInt(args[3]);
        StepRange steps = StepRange.of(Long.parseLong(args[4]), Long.parseLong(args[5]));
        LinearRegressionTask task = new LinearRegressionTask(Integer.parseInt(args[6]), Long.parseLong(args[7]));
        int batch = Integer.parseInt(args[8]);
        long stallAt = Long.parseLong(args[9]);
        ParamServerConfig config = ParamServerConfig.fromConfig(ConfigFactory.parseString(args[10]));
        String secretHex = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        RunCredentials credentials = RunCredentials.fromHex(runId, secretHex);

        try (EmbeddedAeron aeron = EmbeddedAeron.launch(config)) {
            out.println("AERON_DIR " + aeron.directory().getAbsolutePath());
            try (ParameterServerClient client = ParameterServerClient.connect(aeron.aeron(), config, credentials,
                    server, workerId, steps)) {
                out.println("REGISTERED");
                WorkerLoop loop = new WorkerLoop(task, batch, out::println, workerId).beforeEachStep(step -> {
                    if (step == stallAt) {
                        out.println("STALLING " + step);
                        sleepUntilKilled();
                    }
                });
                loop.run(client, steps.end());
                out.println("DONE " + client.lastVersion());
            }
        }
    }

    /** Stands for a long computation; the test kills the process meanwhile. Bounded so nothing runs forever. */
    private static void sleepUntilKilled() {
        try {
            TimeUnit.SECONDS.sleep(STALL_LIMIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("worker was not killed within " + STALL_LIMIT_SECONDS + " s");
    }
}
