package io.facetrain.cli;

import io.facetrain.core.eval.EvaluationReports;
import io.facetrain.core.train.ModelDirectory;
import io.facetrain.core.train.TrainingConfig;
import io.facetrain.core.train.TrainingListener;
import io.facetrain.core.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code facetrain train}: trains a face encoder in this JVM (all cores) on an ingested dataset and writes
 * the model, its training configuration, the training history and an evaluation report to {@code --out}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a face encoder with the triplet loss on one machine, on an ingested dataset.",
            "Persons are split (seeded) into training and validation; progress lines show round, step, loss,",
            "active-triplet fraction, images/s and ETA. Writes model.zip, model.json, training-config.json,",
            "training.json and report.json to --out. Settings: facetrain.train (see conf/facetrain.conf)."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Ingested dataset directory.")
    private Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for the model and reports; must not already hold a model.")
    private Path out;

    @Override
    public Integer call() {
        TrainingConfig training = TrainingConfig.fromConfig(config.load());
        PrintWriter console = spec.commandLine().getOut();
        TrainingRun.Result result = new TrainingRun(training, new ConsoleProgress(console)).run(data, out);
        result.report().map(EvaluationReports::toTable).ifPresent(console::print);
        console.printf("trained %d steps in %.1f s (%.1f images/s); model written to %s%n", result.history().steps(),
                result.history().trainingSeconds(), result.history().imagesPerSecond(), out.resolve(ModelDirectory.MODEL));
        console.flush();
        return 0;
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
