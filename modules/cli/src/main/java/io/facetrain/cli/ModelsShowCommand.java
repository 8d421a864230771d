package io.facetrain.cli;

import io.facetrain.registry.ModelRegistry;
import io.facetrain.registry.VersionInfo;
import io.facetrain.registry.VersionRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code facetrain models show}: the manifest and metrics of one version. */
@Command(name = "show",
        description = "Show the manifest (configuration, dataset, input, tau, checksums) and metrics of a version.")
public final class ModelsShowCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    // Not mixinStandardHelpOptions: its --version (print the program version) would clash with
    // this command's --version (the model version).
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Mixin
    private ConfigOptions config;

    @Mixin
    private RegistryOptions registry;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model.")
    private String model;

    @Option(names = "--version", paramLabel = "REF", defaultValue = ModelRegistry.LATEST,
            description = "A version (3, v3, v0003) or an alias (default: ${DEFAULT-VALUE}).")
    private String version;

    @Override
    public Integer call() throws IOException {
        VersionRef ref = VersionRef.parse(version);
        PrintWriter out = spec.commandLine().getOut();
        try (ModelRegistry models = registry.open(config)) {
            VersionInfo info = models.show(model, ref);
            out.println("model " + model + " " + info.versionName()
                    + (info.aliases().isEmpty() ? "" : " (" + String.join(", ", info.aliases()) + ")")
                    + ", committed " + info.committedAt());
            out.println("metrics: " + ModelsListCommand.metrics(info.manifest().getMetrics()));
            out.println(info.manifestJson());
        }
        return 0;
    }
}
