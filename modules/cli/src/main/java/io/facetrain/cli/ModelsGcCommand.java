package io.facetrain.cli;

import io.facetrain.registry.GcPolicy;
import io.facetrain.registry.GcReport;
import io.facetrain.registry.ModelRegistry;
import io.facetrain.registry.RegistryConfig;
import io.facetrain.registry.VersionRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code facetrain models gc}: remove old versions no alias names, and leftovers of failed publishes. */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = {"Remove committed versions that no alias names and that are older than the retention, "
                + "and leftovers of failed publishes. Never removes a version an alias (champion, latest, ...) names."})
public final class ModelsGcCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Mixin
    private RegistryOptions registry;

    @Option(names = "--model", paramLabel = "NAME", description = "Only this model (default: every model).")
    private String model;

    @Option(names = "--retention", paramLabel = "DURATION",
            description = "Keep versions younger than this, e.g. 30d (default: facetrain.registry.retention).")
    private String retention;

    @Option(names = "--abandoned-after", paramLabel = "DURATION",
            description = "Remove leftovers of failed publishes idle this long, e.g. 24h "
                    + "(default: facetrain.registry.abandoned-after).")
    private String abandonedAfter;

    @Option(names = "--dry-run", description = "Report what would be removed; remove nothing.")
    private boolean dryRun;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelRegistry models = registry.open(config)) {
            GcPolicy defaults = models.config().gcPolicy();
            GcPolicy policy = new GcPolicy(
                    retention == null ? defaults.retention() : RegistryConfig.parseDuration(retention, "--retention"),
                    abandonedAfter == null ? defaults.abandonedAfter()
                            : RegistryConfig.parseDuration(abandonedAfter, "--abandoned-after"),
                    dryRun);
            List<String> names = model == null ? models.models() : List.of(model);
            for (String name : names) {
                out.println(describe(models.gc(name, policy)));
            }
        }
        return 0;
    }

    private static String describe(GcReport report) {
        String verb = report.dryRun() ? "would remove" : "removed";
        StringBuilder line = new StringBuilder(report.model()).append(": ").append(verb).append(' ');
        line.append(report.removedVersions().isEmpty() ? "no versions"
                : report.removedVersions().stream().map(v -> VersionRef.of(v).toString())
                .collect(Collectors.joining(", ")));
        line.append("; kept ").append(report.keptVersions().isEmpty() ? "none"
                : report.keptVersions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(kept -> VersionRef.of(kept.getKey()) + " (" + kept.getValue() + ")")
                .collect(Collectors.joining(", ")));
        line.append("; ").append(verb).append(' ').append(report.removedLeftovers().size())
                .append(" leftover(s) of failed publishes");
        report.removedLeftovers().forEach(path -> line.append(System.lineSeparator()).append("  ").append(path));
        return line.toString();
    }
}
