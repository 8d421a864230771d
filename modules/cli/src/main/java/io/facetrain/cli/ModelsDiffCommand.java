package io.facetrain.cli;

import io.facetrain.registry.ModelRegistry;
import io.facetrain.registry.VersionDiff;
import io.facetrain.registry.VersionRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code facetrain models diff}: what differs between two versions. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two versions: manifest fields, every configuration setting, every metric.")
public final class ModelsDiffCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Mixin
    private RegistryOptions registry;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model.")
    private String model;

    @Parameters(index = "0", paramLabel = "FROM", description = "A version (v3) or alias (champion).")
    private String from;

    @Parameters(index = "1", paramLabel = "TO", description = "A version (v4) or alias (latest).")
    private String to;

    @Override
    public Integer call() throws IOException {
        VersionRef left = VersionRef.parse(from);
        VersionRef right = VersionRef.parse(to);
        PrintWriter out = spec.commandLine().getOut();
        try (ModelRegistry models = registry.open(config)) {
            VersionDiff diff = models.diff(model, left, right);
            out.println(model + ": " + VersionRef.of(diff.left()) + " -> " + VersionRef.of(diff.right())
                    + (diff.isEmpty() ? " (identical configuration, manifest and metrics)" : ""));
            printChanges(out, "manifest", diff.manifest());
            printChanges(out, "configuration", diff.config());
            out.println("metrics:");
            for (VersionDiff.MetricChange metric : diff.metrics()) {
                out.println("  " + metric.name() + ": " + number(metric.left()) + " -> " + number(metric.right())
                        + (metric.delta() == null || metric.delta() == 0 ? ""
                        : String.format(" (%+.4f)", metric.delta())));
            }
        }
        return 0;
    }

    private static void printChanges(PrintWriter out, String title, List<VersionDiff.Change> changes) {
        out.println(title + ":" + (changes.isEmpty() ? " no differences" : ""));
        for (VersionDiff.Change change : changes) {
            out.println("  " + change.key() + ": " + orAbsent(change.left()) + " -> " + orAbsent(change.right()));
        }
    }

    private static String orAbsent(String value) {
        return value == null ? "(absent)" : value;
    }

    private static String number(Double value) {
        return value == null ? "(absent)" : String.format("%.4f", value);
    }
}
