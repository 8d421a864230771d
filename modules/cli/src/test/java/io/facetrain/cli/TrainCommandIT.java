package io.facetrain.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code facetrain train --registry --model --workers --master}: the Spark trainer with two synchronous
 * workers publishes a version the {@code models} commands then see, and a plan that cannot run is refused
 * before Spark starts.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TrainCommandIT {

    @TempDir
    Path dir;

    @Test
    void trainsWithTwoWorkersAndPublishesToTheRegistry() throws IOException {
        Path dataset = TinyTraining.dataset(dir, 16, 4);
        Path registry = dir.resolve("registry");

        CliTestSupport.Result train = CliTestSupport.run(TinyTraining.arguments("train", "--data", dataset.toString(),
            "--registry", registry.toString(), "--model", "faces", "--workers", "2", "--master", "local[2]"));

        assertEquals(0, train.exitCode(), train.err() + train.out());
        assertTrue(train.out().contains("round 2/2 step 4/4"), train.out());
        assertTrue(train.out().contains("published faces v0001 (latest)"), train.out());
        CliTestSupport.Result list = CliTestSupport.run("models", "list", "--registry", registry.toString(), "--model",
                "faces");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("v0001"), list.out());
    }

    @Test
    void moreWorkersThanSlotsIsAUsageErrorBeforeSparkStarts() throws IOException {
        Path dataset = TinyTraining.dataset(dir, 12, 3);

        CliTestSupport.Result r = CliTestSupport.run(TinyTraining.arguments("train", "--data", dataset.toString(),
            "--out", dir.resolve("out").toString(), "--workers", "3", "--master", "local[2]"));

        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("needs 3 task slots") && r.err().contains("local[2] has 2"), r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("faces"), files.map(p -> p.getFileName().toString()).toList(), "nothing written");
        }
    }
}
