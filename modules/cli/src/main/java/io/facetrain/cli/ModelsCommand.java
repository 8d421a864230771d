package io.facetrain.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code facetrain models}: the versioned model registry. Does nothing itself; see its subcommands. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "The model registry: list, show, promote, diff and garbage-collect model versions.",
        subcommands = {
            ModelsListCommand.class,
            ModelsShowCommand.class,
            ModelsPromoteCommand.class,
            ModelsHistoryCommand.class,
            ModelsDiffCommand.class,
            ModelsGcCommand.class,
        })
public final class ModelsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (see facetrain models --help)");
    }
}
