package io.facetrain.cli;

import io.facetrain.registry.AliasRecord;
import io.facetrain.registry.ModelRegistry;
import io.facetrain.registry.VersionRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code facetrain models promote}: point an alias (champion by default) at a version. */
@Command(name = "promote",
        description = "Point an alias (champion by default) at a version; the move is atomic and kept in the "
                + "alias history.")
public final class ModelsPromoteCommand implements Callable<Integer> {

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

    @Option(names = "--version", required = true, paramLabel = "REF",
            description = "The version to point at (3, v3, v0003) or another alias.")
    private String version;

    @Option(names = "--alias", paramLabel = "ALIAS", defaultValue = ModelRegistry.CHAMPION,
            description = "The alias to move (default: ${DEFAULT-VALUE}).")
    private String alias;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, recorded in the alias history.")
    private String reason;

    @Override
    public Integer call() throws IOException {
        VersionRef ref = VersionRef.parse(version);
        VersionRef.alias(alias);
        try (ModelRegistry models = registry.open(config)) {
            AliasRecord move = models.moveAlias(model, alias, ref, reason);
            spec.commandLine().getOut().println(model + ": " + alias + " -> " + move.versionName()
                    + (move.previousVersion() == null ? " (new alias)"
                    : " (was " + VersionRef.of(move.previousVersion()) + ")"));
        }
        return 0;
    }
}
