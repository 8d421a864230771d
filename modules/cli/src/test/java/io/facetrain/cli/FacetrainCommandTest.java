package io.facetrain.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FacetrainCommandTest {

    @Test
    void helpListsUsageAndExitsZero() {
        CliTestSupport.Result result = CliTestSupport.run("--help");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().contains("Usage: facetrain"), result.out());
    }

    @Test
    void everySubcommandAnswersHelp() {
        CommandLine root = new CommandLine(new FacetrainCommand());
        for (String name : root.getSubcommands().keySet()) {
            CliTestSupport.Result result = CliTestSupport.run(name, "--help");
            assertEquals(0, result.exitCode(), name + " --help: " + result.err());
            assertTrue(result.out().contains("Usage: facetrain " + name), result.out());
        }
    }

    @Test
    void unknownSubcommandIsOneLineErrorWithUsageExit() {
        CliTestSupport.Result result = CliTestSupport.run("frobnicate");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("facetrain: "), result.err());
        assertTrue(result.err().contains("frobnicate"), result.err());
    }

    @Test
    void noSubcommandIsAUsageError() {
        CliTestSupport.Result result = CliTestSupport.run();
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("subcommand is required"), result.err());
    }

    /** bin/facetrain reads conf/jvm-options; the test JVM gets the pom's argLine. They must agree. */
    @Test
    void launcherFlagsMatchTheBuildsTestFlags() throws IOException {
        Path options = Path.of("../../conf/jvm-options");
        List<String> flags = Files.readAllLines(options).stream()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String flag : flags) {
            assertTrue(jvmArgs.contains(flag), "surefire argLine lacks " + flag + " from conf/jvm-options");
        }
    }
}
