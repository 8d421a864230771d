package io.facetrain.bench;

import io.facetrain.core.train.TrainingListener;

import java.io.PrintStream;
import java.util.Objects;

/** Prints a trainer's progress, round and validation lines, each tagged with the trainer's name. */
final class ConsoleProgress implements TrainingListener {

    private final String name;
    private final PrintStream out;

    ConsoleProgress(String name, PrintStream out) {
        this.name = Objects.requireNonNull(name, "name");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onProgress(ProgressReport report) {
        out.println("[" + name + "] " + report.line());
    }

    @Override
    public void onRound(RoundReport report) {
        out.printf("[%s] round %d: %d steps, loss %.4f, %.1f img/s of step time, %.1f s of training%n", name,
                report.round(), report.steps(), report.meanLoss(), report.imagesPerSecond(), report.elapsedSeconds());
    }

    @Override
    public void onValidation(CurvePoint point) {
        out.println("[" + name + "] " + point.line());
    }
}
