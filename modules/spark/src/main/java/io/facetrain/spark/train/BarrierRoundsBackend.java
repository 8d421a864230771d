package io.facetrain.spark.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facetrain.core.eval.VerificationResult;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.train.ResidentMemory;
import io.facetrain.core.train.RunConfig;
import io.facetrain.core.train.StepTimings;
import io.facetrain.core.train.Trainer;
import io.facetrain.core.train.TrainingBackend;
import io.facetrain.core.train.TrainingHistory;
import io.facetrain.core.train.TrainingListener;
import io.facetrain.paramserver.EmbeddedAeron;
import io.facetrain.paramserver.ParamServerConfig;
import io.facetrain.paramserver.ParameterServer;
import io.facetrain.paramserver.RunCredentials;
import io.facetrain.paramserver.ServerState;
import io.facetrain.paramserver.StepRange;
import io.facetrain.paramserver.UpdatePlan;
import io.facetrain.spark.BarrierStages;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Trains the run's encoder with W workers (DESIGN.md §3): a parameter server embedded next to the driver
 * holds the parameters and applies the optimiser; every round is one barrier stage of W tasks, one per
 * worker partition, each taking the round's synchronous steps through the server. The driver combines the
 * workers' reports into the single-process progress and round reports, validates between rounds when
 * configured, and at the end copies the server's parameters into the encoder.
 *
 * <p>The time budget is checked between rounds: every worker must take the same steps, so a round is never
 * cut short.
 */
final class BarrierRoundsBackend implements TrainingBackend {

    private static final Logger LOG = LoggerFactory.getLogger(BarrierRoundsBackend.class);
    private static final TrainingHistory EMPTY = new TrainingHistory(List.of(), List.of(), 0, 0, 0, 0, false,
            StepTimings.ZERO);

    private final DistributedTrainingConfig config;
    private final TrainingListener listener;
    private final PartitionedFaces data;
    private final int workers;
    private final String master;
    private final String driverHost;
    private final RunStart start;
    private final List<WorkerRoundReport> workerReports = new ArrayList<>();

    /**
     * @param driverHost the driver's address as executors reach it ({@code spark.driver.host})
     * @param start      where to checkpoint every completed round, and the checkpoint to continue from when resuming
     */
    BarrierRoundsBackend(DistributedTrainingConfig config, TrainingListener listener, PartitionedFaces data,
                         int workers, String master, String driverHost, RunStart start) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.data = Objects.requireNonNull(data, "data");
        this.workers = workers;
        this.master = Objects.requireNonNull(master, "master");
        this.driverHost = Objects.requireNonNull(driverHost, "driverHost");
        this.start = Objects.requireNonNull(start, "start");
    }

    @Override
    public TrainingHistory train(Encoder encoder, Trainer.Validator validator) {
        RunConfig run = config.training().run();
        ParamServerConfig transport = config.addresses() == ParameterServerAddresses.SPARK
                ? config.paramServer().toBuilder().serverHost(driverHost).conclude() : config.paramServer();
        // A resumed run gets a new run id and secret: nothing of the dead driver's transport survives.
        RunCredentials credentials = RunCredentials.generate(new SecureRandom());
        ServerState initial = initialState(encoder);
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(transport);
             ParameterServer server = ParameterServer.start(aeron.aeron(), transport, credentials, initial)) {
            if (initial.version() < run.totalSteps()) {
                server.expectWorkers(StepRange.of(initial.version(), run.totalSteps()), workerIds());
            }
            TrainingHistory history = rounds(server, credentials, encoder, validator);
            copyParameters(server, encoder);
            return history;
        }
    }

    /**
     * A new run's server starts from the encoder's initial parameters; a resumed run's from its checkpoint,
     * whose update plan must be the one this run's encoder gives (the fingerprint already matched the settings).
     */
    private ServerState initialState(Encoder encoder) {
        UpdatePlan plan = UpdatePlans.of(encoder.parameterLayout());
        if (start.resumed().isEmpty()) {
            return ServerState.initial(encoder.parameters().castTo(DataType.FLOAT).toFloatVector(), plan);
        }
        RunCheckpoints.Restored restored = start.resumed().get();
        if (!restored.server().plan().equals(plan)) {
            throw new IllegalStateException("checkpoint " + restored.location() + " updates its parameters with "
                    + restored.server().plan() + " but this run's encoder needs " + plan);
        }
        return restored.server();
    }

    private TrainingHistory rounds(ParameterServer server, RunCredentials credentials, Encoder encoder,
                                   Trainer.Validator validator) {
        RunConfig run = config.training().run();
        int steps = run.stepsPerRound();
        long budgetNanos = run.timeBudget().toNanos();
        // A resumed run continues the dead driver's history: its rounds, curve, totals and clocks.
        TrainingHistory before = start.resumed().map(r -> r.driver().history()).orElse(EMPTY);
        List<Integer> resumedAfter = resumedAfter();
        double wallBefore = before.wallSeconds();
        long wallStart = System.nanoTime();
        long trainingNanos = Math.round(before.trainingSeconds() * 1e9);
        long imagesSeen = before.imagesSeen();
        long step = before.steps();
        boolean budgetHit = before.stoppedByBudget();
        StepTimings allTimings = before.timings();
        List<TrainingListener.RoundReport> reports = new ArrayList<>(before.rounds());
        List<TrainingListener.CurvePoint> curve = new ArrayList<>(before.curve());
        if (step != server.version()) {
            throw new IllegalStateException("the history holds " + step + " steps but the server starts at version "
                    + server.version());
        }
        for (int round = before.rounds().size(); round < run.rounds() && !budgetHit; round++) {
            long firstStep = server.version();
            long roundStart = System.nanoTime();
            WorkerRoundTask task = new WorkerRoundTask(config.shipped(), credentials, server.endpoint(),
                    config.addresses() == ParameterServerAddresses.SPARK, round, firstStep, steps);
            List<WorkerRoundReport> workerReports = BarrierStages.collectRetried(data.rdd(), task);
            trainingNanos += System.nanoTime() - roundStart;
            // Every worker holds version firstStep + steps when its task ends, so the server has applied them all.
            step = server.awaitVersion(firstStep + steps, config.paramServer().connectTimeout());
            RoundSummary summary = RoundSummary.of(workerReports, workers, round, firstStep, steps);
            this.workerReports.addAll(workerReports);
            imagesSeen += summary.images();
            allTimings = allTimings.plus(summary.meanTimings());
            budgetHit = budgetNanos > 0 && trainingNanos >= budgetNanos;
            listener.onProgress(new TrainingListener.ProgressReport(round + 1, run.rounds(), step, run.totalSteps(),
                    summary.meanLoss(), summary.activeFraction(), summary.imagesPerSecond(),
                    Trainer.learningRate(encoder, step, round), trainingNanos / 1e9,
                    eta(trainingNanos, step, run.totalSteps(), budgetNanos)));
            TrainingListener.RoundReport report = summary.report(round + 1, ResidentMemory.bytes(), trainingNanos / 1e9);
            reports.add(report);
            listener.onRound(report);
            LOG.info(summary.workersLine(round + 1));
            boolean last = round == run.rounds() - 1 || budgetHit;
            int every = config.training().validation().everyRounds();
            if (validator != null && every > 0 && (round + 1) % every == 0 && !last) {
                copyParameters(server, encoder);
                VerificationResult v = validator.validate(encoder);
                TrainingListener.CurvePoint point = new TrainingListener.CurvePoint(round + 1, step, trainingNanos / 1e9,
                        wallBefore + (System.nanoTime() - wallStart) / 1e9, imagesSeen, v.accuracyMean(), v.accuracyStd(),
                        v.auc());
                curve.add(point);
                listener.onValidation(point);
            }
            // After the round's validation, so that a resumed run's curve holds it; the server idles meanwhile.
            TrainingHistory done = new TrainingHistory(reports, curve, step, imagesSeen, trainingNanos / 1e9,
                    wallBefore + (System.nanoTime() - wallStart) / 1e9, budgetHit, allTimings);
            start.checkpoints().save(server.snapshot(), new DriverCheckpoint(start.fingerprint(), done, resumedAfter));
        }
        return new TrainingHistory(reports, curve, step, imagesSeen, trainingNanos / 1e9,
                wallBefore + (System.nanoTime() - wallStart) / 1e9, budgetHit, allTimings);
    }

    /** The rounds after which this run was resumed so far, this driver's resumption included. */
    private List<Integer> resumedAfter() {
        if (start.resumed().isEmpty()) {
            return List.of();
        }
        DriverCheckpoint driver = start.resumed().get().driver();
        List<Integer> rounds = new ArrayList<>(driver.resumedAfter());
        rounds.add(driver.roundsDone());
        return List.copyOf(rounds);
    }

    /** Every worker's report of every round run so far, in round order. */
    List<WorkerRoundReport> workerReports() {
        return List.copyOf(workerReports);
    }

    private static double eta(long trainedNanos, long step, long totalSteps, long budgetNanos) {
        double left = trainedNanos / (double) Math.max(1, step) * (totalSteps - step);
        if (budgetNanos > 0) {
            left = Math.min(left, budgetNanos - trainedNanos);
        }
        return Math.max(0, left) / 1e9;
    }

    private int[] workerIds() {
        int[] ids = new int[workers];
        for (int w = 0; w < workers; w++) {
            ids[w] = w;
        }
        return ids;
    }

    /** The server's current parameters into the driver's encoder (for validation and the final model). */
    private static void copyParameters(ParameterServer server, Encoder encoder) {
        ServerState state = server.snapshot();
        try (INDArray values = Nd4j.create(state.parameters(), new long[] {1, state.parameterCount()}, 'c')) {
            encoder.setParameters(values);
        }
    }

    @Override
    public void describe(ObjectNode provenance) {
        ObjectNode d = provenance.putObject("distributed");
        d.put("workers", workers);
        d.put("spark-master", master);
        d.put("synchronisation", "parameter server, weighted mean of worker gradients per step");
        noteResumptions(d);
    }

    @Override
    public void describeTraining(ObjectNode history) {
        noteResumptions(history);
    }

    /** A resumed run says after which completed rounds it was continued by a new driver (nothing otherwise). */
    private void noteResumptions(ObjectNode node) {
        List<Integer> rounds = resumedAfter();
        if (!rounds.isEmpty()) {
            ArrayNode a = node.putArray("resumed-after-rounds");
            rounds.forEach(a::add);
        }
    }
}
