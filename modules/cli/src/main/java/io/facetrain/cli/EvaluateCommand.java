package io.facetrain.cli;

import io.facetrain.core.eval.EvaluationReports;
import io.facetrain.core.train.EvaluationRun;
import io.facetrain.core.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code facetrain evaluate}: scores a trained model on an ingested dataset, with the raw-pixel and
 * untrained-encoder baselines on the same pairs, prints the table and writes the JSON report.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained model on an ingested dataset: verification accuracy (10 folds), ROC/AUC,",
            "EER, TAR at FAR, identification, next to raw-pixel distance and the untrained encoder.",
            "Pairs come from --pairs (LFW format) or are sampled (seeded) over all persons of --data."})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory written by train.")
    private Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Ingested dataset directory.")
    private Path data;

    @Option(names = "--pairs", paramLabel = "FILE",
            description = "Pair list in LFW format (e.g. pairsDevTrain.txt); default: sample pairs.")
    private Path pairs;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Where to write the JSON report (default: evaluation-<dataset>.json in the model directory).")
    private Path report;

    @Override
    public Integer call() {
        TrainingConfig training = TrainingConfig.fromConfig(config.load());
        Path name = data.toAbsolutePath().normalize().getFileName();
        Path target = report != null ? report
                : model.resolve("evaluation-" + (name == null ? "dataset" : name.toString()) + ".json");
        EvaluationReports result = new EvaluationRun(training).run(model, data, Optional.ofNullable(pairs), target);
        PrintWriter console = spec.commandLine().getOut();
        console.print(result.toTable());
        console.println("report written to " + target);
        console.flush();
        return 0;
    }
}
