package io.facetrain.cli;

import io.facetrain.registry.AliasRecord;
import io.facetrain.registry.ModelRegistry;
import io.facetrain.registry.VersionInfo;
import io.facetrain.schema.ModelManifest;
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

/** {@code facetrain models list}: the models of a registry, or the versions of one model. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the models of the registry, or with --model the committed versions of one model.")
public final class ModelsListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Mixin
    private RegistryOptions registry;

    @Option(names = "--model", paramLabel = "NAME", description = "List the versions of this model.")
    private String model;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelRegistry models = registry.open(config)) {
            if (model == null) {
                listModels(models, out);
            } else {
                listVersions(models, out);
            }
        }
        return 0;
    }

    private static void listModels(ModelRegistry models, PrintWriter out) throws IOException {
        List<String> names = models.models();
        if (names.isEmpty()) {
            out.println("no models in " + models.root());
            return;
        }
        out.printf("%-24s %8s  %s%n", "MODEL", "VERSIONS", "ALIASES");
        for (String name : names) {
            out.printf("%-24s %8d  %s%n", name, models.list(name).size(), aliases(models.aliases(name)));
        }
    }

    private void listVersions(ModelRegistry models, PrintWriter out) throws IOException {
        List<VersionInfo> versions = models.list(model);
        if (versions.isEmpty()) {
            out.println("model '" + model + "' has no committed versions in " + models.root());
            return;
        }
        out.printf("%-8s %-24s %-7s %-12s %5s %-10s %-10s %-20s %s%n",
                "VERSION", "CREATED", "PARENT", "CODE", "DIM", "TAU", "FAR", "ALIASES", "METRICS");
        for (VersionInfo version : versions) {
            ModelManifest m = version.manifest();
            out.printf("%-8s %-24s %-7s %-12s %5d %-10s %-10s %-20s %s%n",
                    version.versionName(),
                    m.getCreatedTime(),
                    m.getParentVersion() == null ? "-" : "v" + m.getParentVersion(),
                    abbreviate(m.getCodeVersion()),
                    m.getEmbeddingDimension(),
                    m.getThreshold() == null ? "-" : String.format("%.4f", m.getThreshold()),
                    m.getThresholdFalseAcceptRate() == null ? "-"
                            : String.format("%.4g", m.getThresholdFalseAcceptRate()),
                    version.aliases().isEmpty() ? "-" : String.join(",", version.aliases()),
                    metrics(m.getMetrics()));
        }
    }

    private static String aliases(Map<String, AliasRecord> aliases) {
        if (aliases.isEmpty()) {
            return "-";
        }
        return aliases.entrySet().stream()
                .map(alias -> alias.getKey() + "=" + alias.getValue().versionName())
                .collect(Collectors.joining(" "));
    }

    static String metrics(Map<String, Double> metrics) {
        return metrics.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(metric -> metric.getKey() + "=" + String.format("%.4f", metric.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String abbreviate(String codeVersion) {
        return codeVersion.length() <= 12 ? codeVersion : codeVersion.substring(0, 12);
    }
}
