package io.facetrain.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one readable line on stderr and a distinct exit code: 2 for a bad command line
 * or configuration (the user can fix it), 1 for a failure while running. The full stack trace of a
 * run failure still goes to the log, where an operator can find it.
 */
final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int USAGE_ERROR = 2;
    static final int RUN_FAILURE = 1;

    private static final Logger LOG = LoggerFactory.getLogger(OneLineErrors.class);

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println("facetrain: " + ex.getMessage());
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        return USAGE_ERROR;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof IllegalArgumentException || ex instanceof ParameterException) {
            cmd.getErr().println("facetrain " + cmd.getCommandName() + ": " + ex.getMessage());
            return USAGE_ERROR;
        }
        LOG.error("{} failed", cmd.getCommandSpec().qualifiedName(), ex);
        cmd.getErr().println("facetrain " + cmd.getCommandName() + " failed: " + describe(ex));
        return RUN_FAILURE;
    }

    private static String describe(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        if (root != ex && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (cause: " + root.getMessage() + ")";
        }
        return message;
    }
}
