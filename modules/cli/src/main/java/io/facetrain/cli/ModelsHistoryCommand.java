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
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code facetrain models history}: every move of an alias. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show every move of an alias (champion by default), oldest first.")
public final class ModelsHistoryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Mixin
    private RegistryOptions registry;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model.")
    private String model;

    @Option(names = "--alias", paramLabel = "ALIAS", defaultValue = ModelRegistry.CHAMPION,
            description = "The alias (default: ${DEFAULT-VALUE}).")
    private String alias;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelRegistry models = registry.open(config)) {
            List<AliasRecord> moves = models.aliasHistory(model, alias);
            if (moves.isEmpty()) {
                out.println(model + ": alias '" + alias + "' was never set");
                return 0;
            }
            out.printf("%-4s %-26s %-8s %-8s %-12s %s%n", "SEQ", "MOVED", "FROM", "TO", "BY", "REASON");
            for (AliasRecord move : moves) {
                out.printf("%-4d %-26s %-8s %-8s %-12s %s%n", move.sequence(), move.movedAt(),
                        move.previousVersion() == null ? "-" : VersionRef.of(move.previousVersion()).toString(),
                        move.versionName(), move.movedBy(), move.reason() == null ? "" : move.reason());
            }
        }
        return 0;
    }
}
