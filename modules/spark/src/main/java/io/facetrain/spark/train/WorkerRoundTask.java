package io.facetrain.spark.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.train.RoundRunner;
import io.facetrain.core.train.StepTimings;
import io.facetrain.core.train.TrainingConfig;
import io.facetrain.paramserver.EmbeddedAeron;
import io.facetrain.paramserver.ParamServerConfig;
import io.facetrain.paramserver.ParameterServerClient;
import io.facetrain.paramserver.RunCredentials;
import io.facetrain.paramserver.ServerEndpoint;
import io.facetrain.paramserver.StepRange;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.api.java.function.FlatMapFunction;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * One worker's part of a round, run as a task of the round's barrier stage on the worker's partition:
 * connect to the parameter server, pull the current parameters, run the round's steps on the partition's
 * persons (round-start mining, then synchronous steps through {@link ParameterServerUpdateStep}) and report.
 * Everything the task opens (media driver, client, network) is closed before it returns. A task that Spark gave
 * a GPU computes on it ({@link TaskGpus}).
 *
 * <p>Retries ({@link io.facetrain.spark.BarrierStages#collectRetried}): when a task of the round fails,
 * Spark kills the others and runs the whole stage again. A task never assumes it starts the round: it
 * continues from the server's current version {@code v} (the round's first step {@code <= v <=} its end),
 * mines afresh on those parameters and takes only the steps left, so the round still ends at the same step
 * and no step is taken twice. A step a dead task had not pushed yet is completed by its replacement (the
 * server starts a re-registered worker with an empty gradient, so the survivors' replacements push their
 * whole gradients again). A killed task pushes nothing more: it checks before every push whether Spark
 * killed it, and its thread is interrupted out of a push that waits for a dead peer.
 *
 * <p>The task object travels to the executors inside the stage's closure, with the run's credentials: they
 * are never put in the Spark configuration or logged.
 */
final class WorkerRoundTask implements FlatMapFunction<Iterator<CachedFace>, WorkerRoundReport> {

    private static final long serialVersionUID = 1L;

    /** The report of a retried task that found every step of the round already applied. */
    private static final RoundRunner.RoundResult NO_STEPS = new RoundRunner.RoundResult(0, 0, 0, 0, 0, StepTimings.ZERO,
            MiningStats.EMPTY, MiningStats.EMPTY, 0);

    private final WorkerSettings settings;
    private final RunCredentials credentials;
    private final ServerEndpoint server;
    private final boolean bindToExecutorAddress;
    private final int round;
    private final long firstStep;
    private final int steps;

    /**
     * @param bindToExecutorAddress bind the worker's endpoint to its executor's address as Spark reports it
     *                              (else to the configured {@code worker-host})
     * @param round     the round, from 0
     * @param firstStep the server's version when the round starts: the round's first global step
     * @param steps     steps the round advances the server by
     */
    WorkerRoundTask(WorkerSettings settings, RunCredentials credentials, ServerEndpoint server,
                    boolean bindToExecutorAddress, int round, long firstStep, int steps) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.server = Objects.requireNonNull(server, "server");
        this.bindToExecutorAddress = bindToExecutorAddress;
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
        // Before the first array: ND4J places arrays on the device of the thread that creates them.
        TaskDevice device = TaskGpus.bind(context);
        TrainingConfig config = settings.training();
        FaceImageSet images = FaceSets.of(config.preprocess(), partition);
        Encoder encoder = RunEncoders.create(config);
        try {
            return List.of(runRound(context, worker, executor, device, images, encoder, started)).iterator();
        } finally {
            // The network's arrays are off-heap: free them now rather than when the collector gets to them.
            encoder.graph().close();
        }
    }

    private WorkerRoundReport runRound(BarrierTaskContext context, int worker, String executor, TaskDevice device,
                                       FaceImageSet images, Encoder encoder, long started) {
        TrainingConfig config = settings.training();
        ParamServerConfig transport = bindToExecutorAddress
                ? settings.paramServer().toBuilder().workerHost(ParameterServerAddresses.hostOf(executor)).conclude()
                : settings.paramServer();
        long roundEnd = firstStep + steps;
        // Registered one step past the round: a retried task that finds the round already complete (its
        // predecessor died after the last step was applied) must still be able to register, then takes no step.
        StepRange registered = StepRange.of(firstStep, roundEnd + 1);
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(transport);
             ParameterServerUpdateStep update = new ParameterServerUpdateStep(ParameterServerClient.connect(
                     aeron.aeron(), transport, credentials, server, worker, registered), () -> stopIfKilled(context));
             RoundRunner runner = new RoundRunner(config, encoder, images, WorkerSeeds.of(config.seed(), worker, round))) {
            try {
                long version = update.pullInto(encoder.parameters());
                if (version < firstStep || version > roundEnd) {
                    throw new IllegalStateException("worker " + worker + " expected parameters of a version from "
                            + firstStep + " to " + roundEnd + " in round " + (round + 1) + " but the server is at version "
                            + version);
                }
                long setupNanos = System.nanoTime() - started;
                RoundRunner.RoundResult result = version == roundEnd ? NO_STEPS
                        : runner.run(round, version, (int) (roundEnd - version), update, RoundRunner.StepListener.NONE);
                return new WorkerRoundReport(worker, round, firstStep, version, context.stageAttemptNumber(), executor,
                        ProcessHandle.current().pid(), device, images.size(), images.distinctPersons(), result,
                        update.exchangeNanos(), setupNanos, System.nanoTime() - started);
            } catch (RuntimeException e) {
                if (context.isInterrupted()) {
                    // Killed (its stage attempt failed): clear the thread's interrupt so that the resources
                    // above still close cleanly (the worker deregisters, the media driver stops) before Spark
                    // records the kill.
                    Thread.interrupted();
                }
                throw e;
            }
        }
    }

    private static void stopIfKilled(BarrierTaskContext context) {
        if (context.isInterrupted()) {
            throw new TaskKilledException("the round's barrier stage attempt " + context.stageAttemptNumber()
                    + " failed; this task must not push again");
        }
    }
}
