package io.facetrain.spark.train;

import io.facetrain.core.train.ModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two distributed runs on one machine at the same time, each a driver JVM of its own with its own embedded
 * parameter server (ephemeral ports, own secret, own media-driver directory): both finish, and since a run
 * is deterministic for a seed, two runs of the same settings end on bit-identical parameters: neither
 * disturbed the other.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConcurrentRunsIT {

    private static final String[] SETTINGS = TrainingFixtures.concat(TrainingFixtures.TINY, "distributed.workers=2",
            "train.schedule.rounds=3", "train.schedule.steps-per-round=3", "train.optimizer.warmup-steps=2",
            "train.optimizer.learning-rate=1e-2");

    @TempDir
    Path dir;

    @Test
    void twoRunsAtOnceDoNotInterfere() throws IOException, InterruptedException {
        Path dataset = TrainingFixtures.generatedDataset(dir, 20, 5, 32, 3, 3);
        Path logA = dir.resolve("a.log");
        Path logB = dir.resolve("b.log");

        Instant started = Instant.now();
        Process a = ChildDriver.start(dataset, dir.resolve("a"), dir.resolve("a-checkpoints"), dir.resolve("a-scratch"),
                SETTINGS, logA);
        Process b = ChildDriver.start(dataset, dir.resolve("b"), dir.resolve("b-checkpoints"), dir.resolve("b-scratch"),
                SETTINGS, logB);
        try {
            assertTrue(a.waitFor(4, TimeUnit.MINUTES), "run A did not finish: " + ChildDriver.tail(logA));
            Instant aDone = Instant.now();
            assertTrue(b.waitFor(1, TimeUnit.MINUTES), "run B did not finish: " + ChildDriver.tail(logB));
            System.out.printf("two runs at once: A %.1f s, B %.1f s%n", Duration.between(started, aDone).toMillis() / 1e3,
                    Duration.between(started, Instant.now()).toMillis() / 1e3);
        } finally {
            a.destroyForcibly();
            b.destroyForcibly();
        }
        assertEquals(0, a.exitValue(), ChildDriver.tail(logA));
        assertEquals(0, b.exitValue(), ChildDriver.tail(logB));

        float[] pa = ModelDirectory.read(dir.resolve("a")).encoder().parameters().toFloatVector();
        float[] pb = ModelDirectory.read(dir.resolve("b")).encoder().parameters().toFloatVector();
        float[] initial = RunEncoders.create(TrainingFixtures.config(SETTINGS).training()).parameters().toFloatVector();
        assertFalse(Arrays.equals(pa, initial), "the runs trained");
        assertTrue(Arrays.equals(pa, pb), "two runs of the same settings at the same time end on the same parameters");
    }
}
