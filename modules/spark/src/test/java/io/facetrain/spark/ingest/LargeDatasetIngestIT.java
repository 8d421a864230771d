package io.facetrain.spark.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Ingest streams: a dataset of 1 GiB of images ingests in a JVM whose whole heap is 600 MB, and so does
 * an incremental run that rewrites a 512 MiB shard. Runs the job in a child JVM (the test JVM has 3 GB).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LargeDatasetIngestIT {

    private static final String HEAP = "-Xmx600m";
    private static final int SIDE = 4096;
    private static final int PERSONS = 4;
    private static final int IMAGES_PER_PERSON = 16;
    private static final Pattern RESULT = Pattern.compile(
            "RESULT persons=(\\d+) images=(\\d+) rejected=(\\d+) examined=(\\d+) copied=(\\d+) fromInput=(\\d+) maxHeap=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void aDatasetLargerThanTheHeapIngests() throws Exception {
        Path input = dir.resolve("noise");
        SplittableRandom random = new SplittableRandom(2024);
        long inputBytes = 0;
        for (int person = 0; person < PERSONS; person++) {
            for (int image = 1; image <= IMAGES_PER_PERSON; image++) {
                inputBytes += writeNoisePgm(input.resolve("noise_" + person).resolve("noise_" + person + "_" + image + ".pgm"), random);
            }
        }
        assertTrue(inputBytes >= 1L << 30, "the input must be at least 1 GiB, is " + inputBytes);
        Path out = dir.resolve("dataset");

        Map<String, Long> first = runChild(input, out);

        assertTrue(first.get("maxHeap") < inputBytes, "heap " + first.get("maxHeap") + " is not smaller than the data");
        assertEquals(PERSONS, first.get("persons"));
        assertEquals(PERSONS * IMAGES_PER_PERSON, first.get("images"));
        assertEquals(0, first.get("rejected"));
        assertTrue(shardBytes(out) > first.get("maxHeap"), "the shards must hold more than the heap");

        writeNoisePgm(input.resolve("noise_0").resolve("noise_0_99.pgm"), random);
        Map<String, Long> second = runChild(input, out);

        assertEquals(1, second.get("examined"));
        assertEquals(PERSONS * IMAGES_PER_PERSON + 1, second.get("images"));
        assertEquals(1, second.get("fromInput"));
        assertTrue(second.get("copied") >= IMAGES_PER_PERSON, "the rewritten shard copies its earlier images");
    }

    private static long writeNoisePgm(Path file, SplittableRandom random) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] header = ("P5\n" + SIDE + " " + SIDE + "\n255\n").getBytes(StandardCharsets.US_ASCII);
        byte[] pixels = new byte[SIDE * SIDE];
        random.nextBytes(pixels);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header);
            out.write(pixels);
        }
        return header.length + (long) pixels.length;
    }

    private Map<String, Long> runChild(Path input, Path out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // The module flags Spark needs on Java 17; not the parent's heap size or agents.
            if (flag.startsWith("--add-") || flag.startsWith("-Djdk.reflect") || flag.equals("-XX:+IgnoreUnrecognizedVMOptions")) {
                command.add(flag);
            }
        }
        command.addAll(List.of(HEAP, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                SmallHeapIngest.class.getName(), input.toString(), out.toString(), "2"));
        Path log = Files.createTempFile(dir, "child", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process child = builder.start();
        if (!child.waitFor(4, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            fail("ingest with " + HEAP + " did not finish in 4 minutes; log: " + tail(log));
        }
        assertEquals(0, child.exitValue(), "ingest with " + HEAP + " failed: " + tail(log));
        Matcher matcher = RESULT.matcher(Files.readString(log));
        assertTrue(matcher.find(), "no RESULT line: " + tail(log));
        return Map.of("persons", Long.parseLong(matcher.group(1)), "images", Long.parseLong(matcher.group(2)),
                "rejected", Long.parseLong(matcher.group(3)), "examined", Long.parseLong(matcher.group(4)),
                "copied", Long.parseLong(matcher.group(5)), "fromInput", Long.parseLong(matcher.group(6)),
                "maxHeap", Long.parseLong(matcher.group(7)));
    }

    private static long shardBytes(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out.resolve("shards"))) {
            long total = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".avro")).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 4000));
    }
}
