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

    private static final String[] TINY_TRAINING = {
        "--set", "spark.master=local[2]",
        "--set", "train.encoder.architecture=compact", "--set", "train.encoder.width=2",
        "--set", "train.encoder.embedding-dim=8", "--set", "train.preprocess.input-size=16",
        "--set", "train.mining.persons-per-batch=4", "--set", "train.mining.images-per-person=3",
        "--set", "train.mining.single-negatives=0", "--set", "train.schedule.rounds=1",
        "--set", "train.schedule.steps-per-round=2", "--set", "train.validation.fraction=0.3",
        "--set", "train.validation.same-pairs=10", "--set", "train.validation.different-pairs=10",
        "--set", "evaluation.verification.folds=2", "--set", "train.data.threads=1"};

    @TempDir
    Path dir;

    @Test
    void runsEveryStepIntoItsOwnFolder() throws IOException {
        Path out = dir.resolve("demo");
        String[] args = concat(new String[] {"demo", "--out", out.toString(), "--persons", "16",
            "--images-per-person", "4"}, TINY_TRAINING);

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

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
