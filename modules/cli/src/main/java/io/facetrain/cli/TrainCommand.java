package io.facetrain.cli;

import com.typesafe.config.Config;
import io.facetrain.core.eval.EvaluationReports;
import io.facetrain.core.train.TrainingConfig;
import io.facetrain.core.train.TrainingHistory;
import io.facetrain.core.train.TrainingListener;
import io.facetrain.spark.HadoopPaths;
import io.facetrain.spark.SparkContexts;
import io.facetrain.spark.SparkSettings;
import io.facetrain.spark.publish.LocalDirectories;
import io.facetrain.spark.publish.PublishOutcome;
import io.facetrain.spark.publish.PublishTarget;
import io.facetrain.spark.train.DistributedTrainingConfig;
import io.facetrain.spark.train.DistributedTrainingJob;
import io.facetrain.spark.train.RunDirectories;
import io.facetrain.spark.train.SingleProcessTrainingJob;
import io.facetrain.spark.train.TrainingOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code facetrain train}: trains a face encoder on an ingested dataset — on Spark with synchronous workers
 * and the embedded parameter server by default, or in this JVM alone with {@code --single-process} — writes
 * the model directory and, with {@code --model}, publishes it to the registry.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a face encoder with the triplet loss on an ingested dataset and publish it.",
            "By default on Spark (--master, default facetrain.spark.master = local[*]) with --workers synchronous",
            "workers and a parameter server next to this driver; --single-process trains in this JVM without Spark.",
            "Persons are split (seeded) into training and validation; progress lines show round, step, loss,",
            "active-triplet fraction, images/s and ETA. Writes model.zip, model.json, training-config.json,",
            "training.json and report.json to --out; with --model publishes them as the model's next version",
            "(moves latest; moves champion only when the new version verifies better on the same pairs).",
            "Settings: facetrain.train, facetrain.distributed, facetrain.paramserver (see conf/facetrain.conf)."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Mixin
    private RegistryOptions registry;

    @Option(names = "--data", required = true, paramLabel = "DIR|URI",
            description = "Ingested dataset directory: a local path, or hdfs://, s3a:// ... (not with --single-process).")
    private String data;

    @Option(names = "--out", paramLabel = "DIR",
            description = {"Directory for the model and reports; must not already hold a model. Required without",
                "--model; with --model, defaults to a new temporary directory removed once the model is published."})
    private Path out;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Publish the trained model under this name to --registry (default facetrain.registry.root).")
    private String model;

    @Option(names = "--workers", paramLabel = "N|auto",
            description = "Synchronous workers (= facetrain.distributed.workers; auto = one per task slot).")
    private String workers;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (= facetrain.spark.master); spark-submit's --master wins over both.")
    private String master;

    @Option(names = "--single-process", description = "Train in this JVM on all its cores, without Spark.")
    private boolean singleProcess;

    @Option(names = "--checkpoints", paramLabel = "URI",
            description = {"Where every completed round is checkpointed (any Hadoop path; default <out>/checkpoints).",
                "The checkpoints are removed once the model is written."})
    private String checkpoints;

    @Option(names = "--resume", description = {"Continue the run in --out whose driver died, from its last checkpoint,",
        "with the same data and settings (a difference is refused, naming it)."})
    private boolean resume;

    @Override
    public Integer call() throws IOException {
        if (out == null && model == null) {
            throw new ParameterException(spec.commandLine(), "--out is required unless --model publishes the model");
        }
        if (singleProcess && (workers != null || master != null || checkpoints != null || resume)) {
            throw new ParameterException(spec.commandLine(), "--workers, --master, --checkpoints and --resume are"
                    + " options of the Spark trainer; they do not apply with --single-process");
        }
        if (resume && out == null) {
            throw new ParameterException(spec.commandLine(), "--resume needs --out: the directory of the run to continue");
        }
        Config effective = config.load(overrides());
        Optional<PublishTarget> target = model == null ? Optional.empty()
                : Optional.of(new PublishTarget(registry.settings(effective), model));
        PrintWriter console = spec.commandLine().getOut();
        Path runDir = out != null ? out : Files.createTempDirectory("facetrain-train-");
        TrainingListener progress = new ConsoleProgress(console);
        TrainingOutcome outcome;
        if (singleProcess) {
            SparkSettings spark = SparkSettings.fromConfig(effective);
            outcome = new SingleProcessTrainingJob(TrainingConfig.fromConfig(effective), target,
                    SparkContexts.hadoopConfiguration(spark), progress).run(localData(), runDir);
        } else {
            outcome = new DistributedTrainingJob(SparkSettings.fromConfig(effective),
                    DistributedTrainingConfig.fromConfig(effective), target, progress).run(data, directories(runDir));
        }
        report(console, outcome);
        if (out == null) {
            LocalDirectories.deleteRecursively(runDir);
        } else {
            console.printf("model, history and report in %s%n", out);
        }
        console.flush();
        return 0;
    }

    private Path localData() {
        org.apache.hadoop.fs.Path dataset = HadoopPaths.of(data);
        if (!"file".equals(dataset.toUri().getScheme())) {
            throw new ParameterException(spec.commandLine(), "--single-process reads a local dataset; " + data
                    + " is not one (train it on Spark, without --single-process)");
        }
        return Path.of(dataset.toUri().getPath());
    }

    private RunDirectories directories(Path runDir) {
        RunDirectories dirs = RunDirectories.of(runDir);
        if (checkpoints != null) {
            dirs = dirs.withCheckpoints(checkpoints);
        }
        return resume ? dirs.resuming() : dirs;
    }

    private List<String> overrides() {
        List<String> list = new ArrayList<>();
        if (workers != null) {
            list.add("distributed.workers=" + workers);
        }
        if (master != null) {
            list.add("spark.master=\"" + master + "\"");
        }
        return list;
    }

    private static void report(PrintWriter console, TrainingOutcome outcome) {
        outcome.training().report().map(EvaluationReports::toTable).ifPresent(console::print);
        TrainingHistory h = outcome.training().history();
        console.printf("trained %d steps in %.1f s (%.1f images/s)%n", h.steps(), h.trainingSeconds(),
                h.imagesPerSecond());
        outcome.published().map(PublishOutcome::summary).ifPresent(console::println);
    }

    /** Prints progress lines as training goes. */
    private static final class ConsoleProgress implements TrainingListener {
        private final PrintWriter out;

        ConsoleProgress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onProgress(ProgressReport report) {
            out.println(report.line());
            out.flush();
        }

        @Override
        public void onRound(RoundReport report) {
            out.println(report.line());
            out.flush();
        }

        @Override
        public void onValidation(CurvePoint point) {
            out.println(point.line());
            out.flush();
        }
    }
}
