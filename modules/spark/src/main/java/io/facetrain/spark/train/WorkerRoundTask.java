package io.facetrain.spark.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.train.RoundRunner;
import io.facetrain.core.train.TrainingConfig;
import io.facetrain.paramserver.EmbeddedAeron;
import io.facetrain.paramserver.ParamServerConfig;
import io.facetrain.paramserver.ParameterServerClient;
import io.facetrain.paramserver.RunCredentials;
import io.facetrain.paramserver.ServerEndpoint;
import io.facetrain.paramserver.StepRange;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * One worker's part of a round, run as a task of the round's barrier stage on the worker's partition:
 * connect to the parameter server, pull the current parameters, run the round's steps on the partition's
 * persons (round-start mining, then synchronous steps through {@link ParameterServerUpdateStep}) and report.
 * Everything the task opens (media driver, client, network) is closed before it returns.
 *
 * <p>The task object travels to the executors inside the stage's closure, with the run's credentials: they
 * are never put in the Spark configuration or logged.
 */
final class WorkerRoundTask implements FlatMapFunction<Iterator<CachedFace>, WorkerRoundReport> {

    private static final long serialVersionUID = 1L;

    private final WorkerSettings settings;
    private final RunCredentials credentials;
    private final ServerEndpoint server;
    private final int round;
    private final long firstStep;
    private final int steps;

    /**
     * @param round     the round, from 0
     * @param firstStep the server's version when the round starts: the round's first global step
     * @param steps     steps every worker takes in the round
     */
    WorkerRoundTask(WorkerSettings settings, RunCredentials credentials, ServerEndpoint server, int round,
                    long firstStep, int steps) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.server = Objects.requireNonNull(server, "server");
        this.round = round;
        this.firstStep = firstStep;
        this.steps = steps;
    }

    @Override
    public Iterator<WorkerRoundReport> call(Iterator<CachedFace> partition) {
        long started = System.nanoTime();
        BarrierTaskContext context = BarrierTaskContext.get();
        int worker = context.partitionId();
        String executor = context.getTaskInfos()[worker].address();
        TrainingConfig config = settings.training();
        FaceImageSet images = FaceSets.of(config.preprocess(), partition);
        Encoder encoder = RunEncoders.create(config);
        try {
            return List.of(runRound(worker, executor, images, encoder, started)).iterator();
        } finally {
            // The network's arrays are off-heap: free them now rather than when the collector gets to them.
            encoder.graph().close();
        }
    }

    private WorkerRoundReport runRound(int worker, String executor, FaceImageSet images, Encoder encoder,
                                       long started) {
        TrainingConfig config = settings.training();
        ParamServerConfig transport = settings.paramServer();
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(transport);
             ParameterServerUpdateStep update = new ParameterServerUpdateStep(ParameterServerClient.connect(
                     aeron.aeron(), transport, credentials, server, worker, StepRange.of(firstStep, firstStep + steps)));
             RoundRunner runner = new RoundRunner(config, encoder, images, WorkerSeeds.of(config.seed(), worker, round))) {
            long version = update.pullInto(encoder.parameters());
            if (version != firstStep) {
                throw new IllegalStateException("worker " + worker + " expected the parameters of version " + firstStep
                        + " at the start of round " + (round + 1) + " but the server is at version " + version);
            }
            long setupNanos = System.nanoTime() - started;
            RoundRunner.RoundResult result = runner.run(round, firstStep, steps, update, RoundRunner.StepListener.NONE);
            return new WorkerRoundReport(worker, round, firstStep, executor, ProcessHandle.current().pid(), images.size(),
                    images.distinctPersons(), result, update.exchangeNanos(), setupNanos, System.nanoTime() - started);
        }
    }
}
