package io.facetrain.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code facetrain pairs}: verification pair lists. Does nothing itself; see its subcommands. */
@Command(name = "pairs", mixinStandardHelpOptions = true,
        description = "Verification pair lists (LFW pairs files).",
        subcommands = {PairsImportCommand.class})
public final class PairsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (see facetrain pairs --help)");
    }
}
