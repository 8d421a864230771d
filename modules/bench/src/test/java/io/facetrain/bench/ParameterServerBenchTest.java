package io.facetrain.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The bench command runs end to end on tiny sizes and prints one row per configuration. */
class ParameterServerBenchTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void printsATableRowPerConfiguration() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(new ParameterServerBench(out)).execute("--params", "1000,70000", "--workers", "1,2",
                "--steps", "2", "--warmup", "1", "--chunk-size", "65536", "--term-length", "1048576",
                "--mtu", "8192", "--receiver-window", "262144");
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        long rows = text.lines().filter(line -> line.matches("\\|\\s+\\d+ \\|\\s+[12] \\|.*")).count();
        assertEquals(4, rows, text);
        assertTrue(text.contains("| params | workers |"), text);
    }

    @Test
    void tablesAlignTheirColumns() {
        BenchTable table = new BenchTable("a", "long header");
        table.add(12345, "x");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("|     a | long header |\n|------:|------------:|\n| 12345 |           x |\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
