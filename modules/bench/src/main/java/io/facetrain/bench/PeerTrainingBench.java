package io.facetrain.bench;

import com.typesafe.config.Config;
import io.facetrain.core.config.ConfigLoader;
import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.data.FaceImageSetLoader;
import io.facetrain.core.data.FaceShards;
import io.facetrain.core.data.IdentitySplit;
import io.facetrain.core.synth.FaceDatasetWriter;
import io.facetrain.core.synth.GeneratorSettings;
import io.facetrain.core.train.ModelEvaluation;
import io.facetrain.core.train.TrainingConfig;
import io.facetrain.core.train.TrainingImages;
import io.facetrain.core.train.TrainingRun;
import io.facetrain.core.train.ValidationConfig;
import io.facetrain.core.train.ValidationSet;
import io.facetrain.spark.SparkContexts;
import io.facetrain.spark.SparkSettings;
import io.facetrain.spark.ingest.IngestJob;
import io.facetrain.spark.ingest.IngestSettings;
import io.facetrain.spark.train.DistributedTrainer;
import io.facetrain.spark.train.DistributedTrainingConfig;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/**
 * facetrain's distributed trainer against its peers, in one JVM run, one after the other, with the same
 * encoder (architecture, layers, initial parameters), the same data and identity split, the same seed and the
 * same training-time budget:
 * <ol>
 *   <li>facetrain distributed: {@link DistributedTrainer}, synchronous steps through the parameter server,
 *       {@code local[W]} with W workers (per-partition online semi-hard mining);</li>
 *   <li>DL4J's {@code ParameterAveragingTrainingMaster} through dl4j-spark, W workers
 *       ({@link ParameterAveragingBackend}: triplets mined on the driver each round);</li>
 *   <li>single-process training (the {@link TrainingRun} of {@code facetrain train}).</li>
 * </ol>
 * Prints images/s, the training time each needs to reach a common validation accuracy, and the final
 * validation accuracy, all on the same identity-disjoint validation pairs; then the time-to-accuracy ratio of
 * facetrain over parameter averaging and facetrain's step overhead (exchange and barrier wait as a share of
 * step time). See docs/benchmarks.md for the command and the settings.
 */
@Command(name = "peer-training-bench", mixinStandardHelpOptions = true,
        description = "facetrain distributed vs DL4J parameter averaging vs single-process training, same budget.")
public final class PeerTrainingBench implements Callable<Integer> {

    /** Settings every trainer shares (keys relative to {@code facetrain.}). */
    static final List<String> SHARED_SETTINGS = List.of(
            "train.encoder.width=32",
            "train.optimizer.learning-rate=2e-3",
            // Constant after warm-up: a budget cuts every trainer at a different step, which would leave each at a
            // different point of a decaying schedule.
            "train.optimizer.schedule=constant",
            "train.schedule.rounds=100000",
            "train.validation.every-rounds=1",
            "train.validation.identification=false",
            "train.validation.training-persons-check=false");

    /** The demo's preprocessing of generated faces (DemoCommand.GENERATED_FACES_TRAINING). */
    static final List<String> GENERATED_FACES_SETTINGS = List.of(
            "train.preprocess.crop-fraction=0.85",
            "train.preprocess.input-size=48");

    /** Model directories of the three runs inside the work directory. */
    private static final String FACETRAIN_MODEL = "facetrain-distributed";
    private static final String PEER_MODEL = "parameter-averaging";
    private static final String SINGLE_MODEL = "single-process";

    /** Target accuracies are rounded down to this grid (half a percentage point). */
    private static final double TARGET_GRID = 0.005;

    /** facetrain's target: at least this many times sooner to the target than parameter averaging. */
    private static final double TARGET_SPEEDUP = 1.3;

    /** facetrain's target: exchange and barrier wait below this share of step time. */
    private static final double TARGET_OVERHEAD = 0.15;

    @Option(names = "--budget", defaultValue = "5m",
            description = "Training-time budget of each trainer, a HOCON duration (default: ${DEFAULT-VALUE}).")
    private String budget;

    @Option(names = "--data", paramLabel = "DIR",
            description = "An ingested dataset directory (e.g. LFW after facetrain ingest); default: generated faces.")
    private Path data;

    @Option(names = "--persons", defaultValue = "300", description = "Generated persons (default: ${DEFAULT-VALUE}).")
    private int persons;

    @Option(names = "--images-per-person", defaultValue = "10",
            description = "Generated images per person (default: ${DEFAULT-VALUE}).")
    private int imagesPerPerson;

    @Option(names = "--size", defaultValue = "64", description = "Generated image side in pixels (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--workers", defaultValue = "2",
            description = "Workers of both distributed trainers, = Spark local threads (default: ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--steps-per-round", defaultValue = "30",
            description = "Steps per worker between validations, for every trainer (default: ${DEFAULT-VALUE}).")
    private int stepsPerRound;

    @Option(names = "--averaging-frequency", defaultValue = "5",
            description = "Parameter averaging: minibatches per worker between averagings (default: ${DEFAULT-VALUE}).")
    private int averagingFrequency;

    @Option(names = "--target", paramLabel = "ACCURACY",
            description = "Validation accuracy for time-to-accuracy, in (0, 1); default: the lowest best accuracy of "
                    + "the three, rounded down to half a point.")
    private Double target;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Directory for generated data and the three model directories (default: a new temp dir).")
    private Path work;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Configuration override for every trainer, e.g. train.encoder.width=16.")
    private List<String> overrides = new ArrayList<>();

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        CommandLine command = new CommandLine(new PeerTrainingBench());
        // Bad options and settings surface as IllegalArgumentException naming the problem: print that, not a trace.
        command.setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cl.getErr().println("peer-training-bench: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            throw e;
        });
        System.exit(command.execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (workers < 2) {
            throw new IllegalArgumentException("--workers must be >= 2 for a distributed comparison, got " + workers);
        }
        if (target != null && !(target > 0 && target < 1)) {
            throw new IllegalArgumentException("--target must be in (0, 1), got " + target);
        }
        if (data != null && !Files.isDirectory(data)) {
            throw new IllegalArgumentException("--data " + data + " is not a directory");
        }
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("facetrain-peer-bench");
        for (String model : List.of(FACETRAIN_MODEL, PEER_MODEL, SINGLE_MODEL)) {
            // Before hours of training, not after the first trainer: every run must be able to write its model.
            try {
                TrainingRun.checkOutput(dir.resolve(model));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--work " + dir + " holds an earlier run's model " + model
                        + ": choose a new --work directory", e);
            }
        }
        Config config = ConfigLoader.load(Optional.empty(), settings());
        DistributedTrainingConfig distributed = DistributedTrainingConfig.fromConfig(config);
        TrainingConfig training = distributed.training();
        if (!training.run().hasTimeBudget()) {
            throw new IllegalArgumentException("--budget must be > 0, got " + budget);
        }
        if (!training.validation().enabled()) {
            throw new IllegalArgumentException("train.validation.fraction must be > 0: the comparison is on validation pairs");
        }
        out.printf(Locale.ROOT, "peer training bench %s: load average %s at start; OMP_NUM_THREADS=%s, %d processors;"
                        + " work directory %s%n", Instant.now(), loadAverage(), System.getenv("OMP_NUM_THREADS"),
                Runtime.getRuntime().availableProcessors(), dir);
        SparkSettings spark = SparkSettings.of("local[" + workers + "]", "facetrain-peer-bench", Map.of(
                "spark.ui.enabled", "false", "spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1"));
        List<TrainerFigures> figures = new ArrayList<>();
        TrainerFigures facetrain;
        try (JavaSparkContext sc = SparkContexts.create(spark)) {
            Path dataset = data != null ? data : generatedDataset(sc, spark, config, dir);
            String name = TrainingRun.datasetName(dataset);
            out.printf(Locale.ROOT, "dataset %s; budget %s per trainer; %d workers; load average %s%n", dataset,
                    training.run().timeBudget(), workers, loadAverage());

            out.println("== 1/3 facetrain distributed (parameter server, synchronous steps)");
            DistributedTrainer.Result f = new DistributedTrainer(distributed, new ConsoleProgress("facetrain", out))
                    .run(sc, dataset, dir.resolve(FACETRAIN_MODEL));
            facetrain = new TrainerFigures("facetrain distributed", workers, f.training(),
                    OptionalDouble.of(StepOverhead.ofReports(f.workerReports())));
            figures.add(facetrain);

            FaceImageSet all = new FaceImageSetLoader(training.preprocess(), training.data().effectiveThreads(),
                    training.data().cacheMaxBytes()).load(FaceShards.open(dataset));
            ValidationConfig vc = training.validation();
            IdentitySplit split = IdentitySplit.byPerson(all.labels(), vc.fraction(), training.seed());
            FaceImageSet train = all.subset(split.train());
            FaceImageSet heldOut = all.subset(split.validation());

            out.printf(Locale.ROOT, "== 2/3 DL4J ParameterAveragingTrainingMaster (load average %s)%n", loadAverage());
            ConsoleProgress paProgress = new ConsoleProgress("parameter averaging", out);
            TrainingRun.Result pa = new TrainingRun(training, paProgress).run(TrainingImages.of(train), heldOut, name,
                    dir.resolve(PEER_MODEL), new ParameterAveragingBackend(sc, training, train, workers,
                            averagingFrequency, paProgress));
            figures.add(new TrainerFigures("DL4J parameter averaging", workers, pa, OptionalDouble.empty()));

            out.printf(Locale.ROOT, "== 3/3 single-process DL4J training (load average %s)%n", loadAverage());
            TrainingRun.Result single = new TrainingRun(training, new ConsoleProgress("single process", out))
                    .run(all, name, dir.resolve(SINGLE_MODEL));
            figures.add(new TrainerFigures("single process", 1, single, OptionalDouble.empty()));

            checkSamePairs(training, heldOut, figures);
        }
        report(figures, facetrain, training);
        out.printf(Locale.ROOT, "load average %s at end; models in %s%n", loadAverage(), dir);
        return 0;
    }

    /** The shared settings, the dataset's preprocessing, the run's budget and workers, then the user's overrides. */
    private List<String> settings() {
        List<String> all = new ArrayList<>(SHARED_SETTINGS);
        if (data == null) {
            all.addAll(GENERATED_FACES_SETTINGS);
        }
        all.add("train.schedule.steps-per-round=" + stepsPerRound);
        all.add("train.schedule.log-every-steps=" + stepsPerRound);
        all.add("train.schedule.time-budget=" + budget);
        all.add("distributed.workers=" + workers);
        all.addAll(overrides);
        return all;
    }

    private Path generatedDataset(JavaSparkContext sc, SparkSettings spark, Config config, Path dir)
            throws IOException, InterruptedException {
        Path faces = dir.resolve("faces");
        Path dataset = dir.resolve("dataset");
        GeneratorSettings generator = GeneratorSettings.builder().persons(persons).imagesPerPerson(imagesPerPerson)
                .size(size).build();
        FaceDatasetWriter.Summary written = new FaceDatasetWriter(generator).write(faces, (done, total) -> { });
        out.printf(Locale.ROOT, "generated %s in %.1f s%n", generator, written.elapsed().toMillis() / 1000.0);
        IngestSettings ingest = IngestSettings.builder(config).input(faces.toString()).output(dataset.toString()).build();
        IngestJob.prepare(ingest, SparkContexts.hadoopConfiguration(spark)).run(sc);
        return dataset;
    }

    /**
     * Scores every trained encoder on one set of validation pairs sampled here from the single-process split,
     * and checks it gives the accuracy each run reported: the runs sampled their pairs themselves (the
     * distributed trainer from its own decode of the validation persons), so this proves they are the same pairs.
     */
    private void checkSamePairs(TrainingConfig training, FaceImageSet heldOut, List<TrainerFigures> figures) {
        ValidationConfig vc = training.validation();
        ValidationSet pairs = ValidationSet.sample(heldOut, vc.samePairs(), vc.differentPairs(), training.seed());
        ModelEvaluation evaluation = new ModelEvaluation(training.verification(), training.identification());
        for (TrainerFigures f : figures) {
            double common = evaluation.verify(pairs, f.result().encoder(), vc.flipAverage()).accuracyMean();
            double reported = f.finalAccuracy();
            boolean same = Math.abs(common - reported) < 1e-9;
            out.printf(Locale.ROOT, "%s: %.4f on the common %d validation pairs, %.4f reported by the run: %s%n",
                    f.name(), common, pairs.pairs().size(), reported, same ? "same pairs"
                            : "DIFFERENT (the run validated on other pairs; compare the common-pairs figure)");
        }
    }

    private void report(List<TrainerFigures> figures, TrainerFigures facetrain, TrainingConfig training) {
        List<AccuracyCurve> curves = figures.stream().map(TrainerFigures::curve).toList();
        double goal = target != null ? target : AccuracyCurve.commonTarget(curves, TARGET_GRID);
        out.printf(Locale.ROOT, "%ntarget accuracy %.3f (%s)%n", goal, target != null ? "--target"
                : "lowest best validation accuracy the three reached by training, rounded down to half a point");
        BenchTable table = new BenchTable("trainer", "workers", "steps", "images", "training s", "img/s step time",
                "img/s training time", "s to " + String.format(Locale.ROOT, "%.3f", goal), "final accuracy",
                "best accuracy");
        for (TrainerFigures f : figures) {
            OptionalDouble reach = f.curve().secondsToReach(goal);
            table.add(f.name(), f.workers(), f.result().history().steps(), f.result().history().imagesSeen(),
                    fmt(f.result().history().trainingSeconds(), 1), fmt(f.result().history().imagesPerSecond(), 1),
                    fmt(f.result().history().imagesSeen() / Math.max(1e-9, f.result().history().trainingSeconds()), 1),
                    reach.isPresent() ? fmt(reach.getAsDouble(), 1) : "not reached",
                    String.format(Locale.ROOT, "%.4f ± %.4f", f.finalAccuracy(),
                            f.result().model().orElseThrow().accuracyStd()),
                    fmt(f.curve().best(), 4));
        }
        table.print(out);
        for (TrainerFigures f : figures) {
            out.printf(Locale.ROOT, "curve %s: %s%n", f.name(), f.curve().points().stream()
                    .map(p -> String.format(Locale.ROOT, "%.0fs %.4f", p.seconds(), p.accuracy())).toList());
        }
        double start = curves.stream().mapToDouble(AccuracyCurve::first).max().orElseThrow();
        OptionalDouble ours = facetrain.curve().secondsToReach(goal);
        OptionalDouble theirs = figures.get(1).curve().secondsToReach(goal);
        if (goal <= start) {
            out.printf(Locale.ROOT, "time-to-accuracy ratio: not available, the target %.3f is not above the untrained "
                    + "encoder's %.4f (a longer --budget, or --target)%n", goal, start);
        } else if (ours.isPresent() && theirs.isPresent()) {
            double ratio = ours.getAsDouble() / theirs.getAsDouble();
            out.printf(Locale.ROOT, "facetrain time-to-accuracy / parameter-averaging time-to-accuracy = %.3f "
                            + "(facetrain %.2fx sooner; target >= %.1fx: %s)%n", ratio, 1 / ratio, TARGET_SPEEDUP,
                    1 / ratio >= TARGET_SPEEDUP ? "met" : "not met");
        } else {
            out.printf(Locale.ROOT, "time-to-accuracy ratio: not available (facetrain %s, parameter averaging %s)%n",
                    ours.isPresent() ? "reached" : "did not reach", theirs.isPresent() ? "reached" : "did not reach");
        }
        double overhead = facetrain.stepOverhead().orElseThrow();
        out.printf(Locale.ROOT, "facetrain step overhead (exchange + barrier wait) = %.1f%% of step time with %d workers"
                + " (target < %.0f%%: %s)%n", 100 * overhead, workers, 100 * TARGET_OVERHEAD,
                overhead < TARGET_OVERHEAD ? "met" : "not met");
        out.printf(Locale.ROOT, "settings: %s; steps-per-round %d; averaging frequency %d; triplets per DataSet %d%n",
                training.encoder(), stepsPerRound, averagingFrequency, training.mining().tripletsPerBatch());
    }

    private static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
    }
}
