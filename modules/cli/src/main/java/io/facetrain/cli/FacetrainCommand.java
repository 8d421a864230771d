package io.facetrain.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The root {@code facetrain} command. It does nothing itself; each capability is a subcommand.
 */
@Command(
        name = "facetrain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train, publish and use FaceNet-style face-embedding models on Apache Spark.",
        subcommands = {
            GenerateCommand.class,
            IngestCommand.class,
            PairsCommand.class,
            ModelsCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            DemoCommand.class,
        })
public final class FacetrainCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (see facetrain --help)");
    }
}
