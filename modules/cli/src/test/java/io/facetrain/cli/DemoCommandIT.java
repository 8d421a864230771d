package io.facetrain.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code facetrain demo}: generate, ingest (Spark local[2]) and train chained, at a tiny size. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DemoCommandIT {

    @TempDir
    Path dir;

    @Test
    void runsEveryStepIntoItsOwnFolder() throws IOException {
        Path out = dir.resolve("demo");
        String[] args = TinyTraining.with(TinyTraining.arguments("demo", "--out", out.toString(), "--persons", "16",
            "--images-per-person", "4"), "spark.master=local[2]", "train.schedule.rounds=1",
            "train.validation.fraction=0.3");

        CliTestSupport.Result result = CliTestSupport.run(args);

        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertTrue(result.out().contains("== generate"), result.out());
        assertTrue(result.out().contains("== ingest"), result.out());
        assertTrue(result.out().contains("== train"), result.out());
        assertTrue(result.out().contains("demo finished"), result.out());
        assertTrue(Files.readString(out.resolve("dataset/_summary.json")).contains("\"images\" : 64"));
        assertTrue(Files.isRegularFile(out.resolve("model/model.zip")));
        assertTrue(Files.isRegularFile(out.resolve("model/report.json")));
        assertTrue(result.out().contains("published generated-faces v0001 (latest)"), result.out());
        assertTrue(Files.isRegularFile(out.resolve("registry/generated-faces/v0001/_COMMITTED")),
                "the demo's model is a committed registry version");
    }

    @Test
    void refusesANonEmptyOutputBeforeDoingAnything() throws IOException {
        Path out = dir.resolve("busy");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");

        CliTestSupport.Result result = CliTestSupport.run("demo", "--out", out.toString());

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("must not exist or be empty"), result.err());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    }
}
