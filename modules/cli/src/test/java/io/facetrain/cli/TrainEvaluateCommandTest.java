package io.facetrain.cli;

import io.facetrain.core.data.TestShards;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.facetrain.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code facetrain train --single-process} and {@code facetrain evaluate} on a tiny ingested dataset of
 * generated faces, and the train command's usage errors (the Spark trainer runs in {@code TrainCommandIT}).
 */
@Timeout(300)
class TrainEvaluateCommandTest {

    private static final String[] TINY_OVERRIDES = {"train.preprocess.crop-fraction=0.9",
        "train.schedule.log-every-steps=1", "train.validation.fraction=0.3"};

    @TempDir
    static Path dir;

    private static Path dataset;

    @BeforeAll
    static void writeDataset() {
        dataset = dir.resolve("faces");
        TestShards.writeGenerated(dataset, 12, 4, 32, 2, 2);
    }

    private static String[] tiny(String... command) {
        return TinyTraining.with(TinyTraining.arguments(command), TINY_OVERRIDES);
    }

    @Test
    void trainsThenEvaluates() throws Exception {
        Path model = dir.resolve("model");
        CliTestSupport.Result train = run(tiny("train", "--single-process", "--data", dataset.toString(), "--out",
                model.toString()));
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("round 1/2 step 1/4 loss"), train.out());
        assertTrue(train.out().contains("img/s") && train.out().contains("eta"), train.out());
        assertTrue(train.out().contains("raw-pixels") && train.out().contains("untrained-encoder"), train.out());
        for (String file : List.of("model.zip", "model.json", "training-config.json", "training.json", "report.json")) {
            assertTrue(Files.size(model.resolve(file)) > 0, file);
        }
        assertTrue(Files.readString(model.resolve("report.json")).contains("raw-pixels"));
        assertTrue(Files.readString(model.resolve("training.json")).contains("validation-curve"));

        Path report = dir.resolve("evaluation.json");
        CliTestSupport.Result evaluate = run(TinyTraining.with(new String[] {"evaluate", "--model", model.toString(),
            "--data", dataset.toString(), "--report", report.toString()}, "evaluation.verification.folds=2",
                "train.validation.same-pairs=20", "train.validation.different-pairs=20"));
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.out().contains("model") && evaluate.out().contains("raw-pixels"), evaluate.out());
        assertTrue(Files.readString(report).contains("untrained-encoder"));

        CliTestSupport.Result again = run(tiny("train", "--single-process", "--data", dataset.toString(), "--out",
                model.toString()));
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("already holds a model"), again.err());
    }

    @Test
    void badConfigurationIsAUsageErrorNamingTheKey() {
        CliTestSupport.Result r = run("train", "--data", dataset.toString(), "--out", dir.resolve("x").toString(),
                "--set", "train.mining.miner=hardish");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("train.mining.miner"), r.err());
    }

    @Test
    void missingInputsAreUsageErrors() {
        CliTestSupport.Result r = run("evaluate", "--model", dir.resolve("nothing").toString(), "--data",
                dataset.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("not a model directory"), r.err());
        r = run("train", "--data", dir.resolve("nowhere").toString(), "--out", dir.resolve("y").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("not an ingested dataset"), r.err());
        r = run("train", "--data", dataset.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--out is required unless --model publishes the model"), r.err());
        r = run("train", "--data", dataset.toString(), "--out", dir.resolve("z").toString(), "--single-process",
                "--workers", "2");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("do not apply with --single-process"), r.err());
        r = run("train", "--data", dataset.toString(), "--model", "m", "--resume");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--resume needs --out"), r.err());
    }
}
