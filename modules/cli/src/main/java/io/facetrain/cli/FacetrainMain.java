package io.facetrain.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** Entry point of bin/facetrain and of the job jar under spark-submit. */
public final class FacetrainMain {

    private FacetrainMain() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line and returns its exit code; used by main and by tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new FacetrainCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(new OneLineErrors());
        commandLine.setParameterExceptionHandler(new OneLineErrors());
        return commandLine.execute(args);
    }
}
