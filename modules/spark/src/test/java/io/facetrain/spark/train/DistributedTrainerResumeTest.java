package io.facetrain.spark.train;

import io.facetrain.core.train.ModelDirectory;
import io.facetrain.core.train.TrainingListener;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a run starts from its checkpoint directory, decided on the driver before any Spark job: a new run
 * never overwrites checkpoints, a resume needs one, and only a run with the same settings and data resumes.
 */
@Timeout(60)
class DistributedTrainerResumeTest {

    @TempDir
    static Path shared;
    private static Path dataset;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeDataset() {
        dataset = TrainingFixtures.generatedDataset(shared, 12, 3, 32, 2, 2);
    }

    private static DistributedTrainingConfig config(String... overrides) {
        return TrainingFixtures.config(TrainingFixtures.concat(TrainingFixtures.TINY,
                TrainingFixtures.concat(new String[] {"distributed.workers=2"}, overrides)));
    }

    private static DistributedTrainer trainer(String... overrides) {
        return new DistributedTrainer(config(overrides), TrainingListener.NONE);
    }

    private RunStart start(DistributedTrainer trainer, Path data, RunDirectories dirs) {
        return trainer.start(trainer.plan(data, dirs.model(), 2), dirs, new Configuration());
    }

    /** Writes the checkpoint a run of {@code trainer} would write after round 1. */
    private void checkpointRoundOne(DistributedTrainer trainer, RunDirectories dirs) {
        RunStart fresh = start(trainer, dataset, dirs);
        fresh.checkpoints().save(CheckpointFixtures.server(1, 1), new DriverCheckpoint(fresh.fingerprint(),
                CheckpointFixtures.history(1, 1), List.of()));
    }

    @Test
    void aNewRunStartsWithoutCheckpointAndANewRunIntoCheckpointsIsRefused() {
        RunDirectories dirs = RunDirectories.of(dir.resolve("model"));
        assertEquals(dir.resolve("model").resolve("checkpoints").toAbsolutePath().toString(), dirs.checkpoints());
        RunStart fresh = start(trainer(), dataset, dirs);
        assertTrue(fresh.resumed().isEmpty());
        checkpointRoundOne(trainer(), dirs);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> start(trainer(), dataset, dirs));
        assertTrue(e.getMessage().contains("already holds checkpoints") && e.getMessage().contains("--resume"),
                e.getMessage());
    }

    @Test
    void resumingWithoutACheckpointIsRefused() throws IOException {
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere.resolve("round-000001"));
        RunDirectories dirs = RunDirectories.of(dir.resolve("model")).withCheckpoints("file:" + elsewhere).resuming();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> start(trainer(), dataset, dirs));
        assertTrue(e.getMessage().contains("no complete checkpoint in file:" + elsewhere), e.getMessage());
    }

    @Test
    void aResumeContinuesFromTheNewestCheckpointOfTheSameRun() {
        RunDirectories dirs = RunDirectories.of(dir.resolve("model"));
        checkpointRoundOne(trainer(), dirs);

        // Loader threads and the log interval do not change what is computed.
        RunStart resumed = start(trainer("train.data.threads=2", "train.schedule.log-every-steps=3"), dataset,
                dirs.resuming());

        assertEquals(1, resumed.resumed().orElseThrow().driver().roundsDone());
        assertEquals(5, resumed.resumed().orElseThrow().server().version());
    }

    @Test
    void aResumeWithOtherSettingsOrDataIsRefusedNamingEachDifference() {
        RunDirectories dirs = RunDirectories.of(dir.resolve("model"));
        checkpointRoundOne(trainer(), dirs);
        Path otherData = TrainingFixtures.generatedDataset(dir.resolve("other"), 12, 3, 32, 3, 2);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> start(
                trainer("train.mining.margin=0.3", "train.schedule.rounds=7"), otherData, dirs.resuming()));

        assertTrue(e.getMessage().contains("train.mining.margin: 0.5 in the checkpoint, 0.3 now"), e.getMessage());
        assertTrue(e.getMessage().contains("train.schedule.rounds: "), e.getMessage());
        assertTrue(e.getMessage().contains("dataset: 36 images of 12 persons (sha256:"), e.getMessage());
        assertFalse(e.getMessage().contains("train.seed"), "only what differs is named: " + e.getMessage());

        IllegalArgumentException workers = assertThrows(IllegalArgumentException.class, () -> start(
                trainer("distributed.workers=3"), dataset, dirs.resuming()));
        assertTrue(workers.getMessage().contains("distributed.workers: 2 in the checkpoint, 3 now"), workers.getMessage());
    }

    @Test
    void aFinishedRunIsNotResumed() throws IOException {
        RunDirectories dirs = RunDirectories.of(dir.resolve("model"));
        DistributedTrainer.checkNotFinished(dirs.resuming());
        Files.createDirectories(dirs.model());
        Files.writeString(dirs.model().resolve(ModelDirectory.HISTORY), "{}");

        DistributedTrainer.checkNotFinished(dirs);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistributedTrainer.checkNotFinished(dirs.resuming()));
        assertTrue(e.getMessage().contains("already finished"), e.getMessage());
    }

    @Test
    void aFingerprintSurvivesItsJson() {
        RunFingerprint f = RunFingerprint.of(config(), trainer().plan(dataset, dir.resolve("m"), 2));
        assertEquals(f, RunFingerprint.fromJson(f.toJson()));
        assertEquals("2", f.settings().get(RunFingerprint.WORKERS));
        assertFalse(f.settings().containsKey("train.data.threads"));
        assertTrue(f.settings().containsKey("evaluation.verification.folds"));
        assertEquals(List.of(), f.differences(f));
    }
}
