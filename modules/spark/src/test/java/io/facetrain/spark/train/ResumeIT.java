package io.facetrain.spark.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetrain.core.train.ModelDirectory;
import io.facetrain.core.train.TrainingHistory;
import io.facetrain.core.train.TrainingListener;
import io.facetrain.spark.HadoopPaths;
import io.facetrain.spark.testing.LocalSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code --resume} after a killed driver: a run whose driver JVM is killed once round {@value #KILLED_AFTER}'s
 * checkpoint is committed, resumed by a new driver, ends on the same parameters as the same run left alone,
 * with every round in its history exactly once.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ResumeIT {

    @RegisterExtension
    static final LocalSpark SPARK = LocalSpark.threads(2);

    private static final int ROUNDS = 4;
    private static final int STEPS = 3;
    private static final int KILLED_AFTER = 2;
    private static final String[] SETTINGS = TrainingFixtures.concat(TrainingFixtures.TINY, "distributed.workers=2",
            "train.schedule.rounds=" + ROUNDS, "train.schedule.steps-per-round=" + STEPS,
            "train.optimizer.warmup-steps=2", "train.optimizer.learning-rate=1e-2", "train.validation.every-rounds=1");

    @TempDir
    Path dir;

    @Test
    void aRunResumedAfterItsDriverWasKilledEndsOnTheParametersOfTheRunLeftAlone(JavaSparkContext sc) throws Exception {
        Path dataset = TrainingFixtures.generatedDataset(dir, 20, 5, 32, 3, 3);
        DistributedTrainingConfig config = TrainingFixtures.config(SETTINGS);

        Path outB = dir.resolve("b");
        Path checkpointsB = dir.resolve("b-checkpoints");
        // The child driver starts first and is killed by its own watcher, so the uninterrupted run overlaps its
        // start-up without changing when it dies.
        long started = System.nanoTime();
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        DistributedTrainer.Result a;
        try {
            Future<?> killed = watcher.submit(startDriverAndKillAfterCheckpoint(dataset, outB, checkpointsB));
            a = new DistributedTrainer(config, new RecordingListener()).run(sc, dataset, dir.resolve("a"));
            System.out.printf("uninterrupted run: %.1f s%n", (System.nanoTime() - started) / 1e9);
            killed.get(3, TimeUnit.MINUTES);
            System.out.printf("child driver until killed: %.1f s%n", (System.nanoTime() - started) / 1e9);
        } finally {
            watcher.shutdownNow();
        }
        assertFalse(Files.exists(outB.resolve(ModelDirectory.MODEL)), "the killed driver wrote no model");
        plantInterruptedCheckpoint(checkpointsB, KILLED_AFTER + 1);

        started = System.nanoTime();
        RecordingListener resumed = new RecordingListener();
        RunDirectories dirsB = RunDirectories.of(outB).withCheckpoints(HadoopPaths.of(checkpointsB.toString()).toString())
                .resuming();
        DistributedTrainer.Result b = new DistributedTrainer(config, resumed).run(sc, dataset, dirsB);
        System.out.printf("resumed run: %.1f s%n", (System.nanoTime() - started) / 1e9);

        float[] pa = a.training().encoder().parameters().toFloatVector();
        float[] pb = b.training().encoder().parameters().toFloatVector();
        float[] initial = RunEncoders.create(config.training()).parameters().toFloatVector();
        double difference = 0;
        double moved = 0;
        for (int i = 0; i < pa.length; i++) {
            difference = Math.max(difference, Math.abs(pa[i] - pb[i]));
            moved = Math.max(moved, Math.abs(pa[i] - initial[i]));
        }
        System.out.printf("resume: largest parameter difference %.3g (%s), largest move from the start %.3g%n",
                difference, Arrays.equals(pa, pb) ? "bit-identical" : "not bit-identical", moved);
        assertTrue(moved > 1e-3, "training moved the parameters: " + moved);
        assertTrue(difference <= 1e-6, "resumed and uninterrupted parameters differ by up to " + difference);

        // This driver ran rounds 3 and 4 only, each once; the history holds all four, as the run left alone.
        assertEquals(List.of(3, 4), resumed.rounds.stream().map(TrainingListener.RoundReport::round).toList());
        assertEquals(List.of(9L, 12L), resumed.progress.stream().map(TrainingListener.ProgressReport::step).toList());
        TrainingHistory ha = a.training().history();
        TrainingHistory hb = b.training().history();
        assertEquals(List.of(1, 2, 3, 4), hb.rounds().stream().map(TrainingListener.RoundReport::round).toList());
        assertEquals((long) ROUNDS * STEPS, hb.steps());
        assertEquals(ha.imagesSeen(), hb.imagesSeen());
        for (int r = 0; r < ROUNDS; r++) {
            assertEquals(ha.rounds().get(r).meanLoss(), hb.rounds().get(r).meanLoss(), "loss of round " + (r + 1));
            assertEquals(ha.rounds().get(r).stepMining(), hb.rounds().get(r).stepMining(), "mining of round " + (r + 1));
        }
        assertEquals(List.of(1, 2, 3), hb.curve().stream().map(TrainingListener.CurvePoint::round).toList(),
                "validation after every round but the last, the dead driver's included");
        assertEquals(ha.curve().stream().map(TrainingListener.CurvePoint::accuracyMean).toList(),
                hb.curve().stream().map(TrainingListener.CurvePoint::accuracyMean).toList());
        assertEquals(a.training().model().orElseThrow().accuracyMean(), b.training().model().orElseThrow().accuracyMean());
        assertEquals(2 * (ROUNDS - KILLED_AFTER), b.workerReports().size(), "worker reports of this driver's rounds");

        ObjectMapper json = new ObjectMapper();
        JsonNode historyA = json.readTree(dir.resolve("a").resolve(ModelDirectory.HISTORY).toFile());
        JsonNode historyB = json.readTree(outB.resolve(ModelDirectory.HISTORY).toFile());
        assertEquals(ROUNDS, historyB.path("rounds").size());
        assertEquals(historyA.path("validation-curve").size(), historyB.path("validation-curve").size());
        assertEquals("[2]", historyB.path("resumed-after-rounds").toString());
        assertTrue(historyA.path("resumed-after-rounds").isMissingNode(), "an uninterrupted run notes nothing");
        JsonNode descriptor = json.readTree(outB.resolve(ModelDirectory.DESCRIPTOR).toFile());
        assertEquals("[2]", descriptor.path("provenance").path("distributed").path("resumed-after-rounds").toString());
        assertEquals(ModelDirectory.read(outB).encoder().parameters(), b.training().encoder().parameters());

        assertFalse(Files.exists(checkpointsB), "a finished run removes its checkpoints");
        assertFalse(Files.exists(dir.resolve("a").resolve(RunDirectories.DEFAULT_CHECKPOINTS)),
                "nothing but the model is left in the model directory, which is what gets published");
    }

    /**
     * Starts the run in a child JVM; the returned task kills it as soon as round {@value #KILLED_AFTER}'s
     * checkpoint is committed.
     */
    private Callable<Void> startDriverAndKillAfterCheckpoint(Path dataset, Path out, Path checkpoints)
            throws IOException {
        Path log = dir.resolve("child.log");
        Process child = ChildDriver.start(dataset, out, checkpoints, dir.resolve("child-scratch"), SETTINGS, log);
        Path committed = checkpoints.resolve(String.format("round-%06d", KILLED_AFTER)).resolve(RunCheckpoints.COMMIT);
        return () -> {
            killAfter(child, committed, log);
            assertFalse(Files.exists(checkpoints.resolve(String.format("round-%06d", KILLED_AFTER + 1))
                    .resolve(RunCheckpoints.COMMIT)), "killed before the next round's checkpoint");
            return null;
        };
    }

    private static void killAfter(Process child, Path committed, Path log) throws IOException, InterruptedException {
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!Files.exists(committed)) {
                if (!child.isAlive()) {
                    fail("the child driver exited (" + child.exitValue() + ") before checkpoint " + KILLED_AFTER + ": "
                            + ChildDriver.tail(log));
                }
                if (System.nanoTime() > deadline) {
                    fail("no checkpoint of round " + KILLED_AFTER + " within 3 minutes: " + ChildDriver.tail(log));
                }
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                fail("the child driver " + child.pid() + " did not die");
            }
        }
    }

    /**
     * What a driver killed while writing round {@code round}'s checkpoint leaves: the server file cut short and
     * the commit marker under its temporary name. Resuming must never read it.
     */
    private static void plantInterruptedCheckpoint(Path checkpoints, int round) throws IOException {
        Path previous = checkpoints.resolve(String.format("round-%06d", round - 1));
        Path partial = Files.createDirectories(checkpoints.resolve(String.format("round-%06d", round)));
        try (Stream<Path> files = Files.list(previous)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".psck")).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                Files.write(partial.resolve(String.format("ckpt-%012d.psck", (long) round * STEPS)),
                        Arrays.copyOf(bytes, bytes.length / 3));
            }
        }
        Files.writeString(partial.resolve("." + RunCheckpoints.COMMIT + ".1234.tmp"), "{\"format\":\"facetrain-dri");
    }
}
