package io.facetrain.spark.train;

import io.facetrain.core.train.TrainingHistory;
import io.facetrain.paramserver.ServerState;
import io.facetrain.spark.HadoopPaths;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checkpoint directory: what is written, what is read back, what is never read, and what is kept. */
@Timeout(60)
class RunCheckpointsTest {

    @TempDir
    Path dir;

    private RunCheckpoints checkpoints() {
        return new RunCheckpoints(HadoopPaths.of(dir.resolve("ckpt").toString()), new Configuration());
    }

    private static DriverCheckpoint driver(int rounds) {
        return new DriverCheckpoint(CheckpointFixtures.fingerprint("0.2"), CheckpointFixtures.history(rounds, rounds),
                List.of(1));
    }

    private void saveRounds(RunCheckpoints c, int from, int to) {
        for (int r = from; r <= to; r++) {
            c.save(CheckpointFixtures.server(r, r), driver(r));
        }
    }

    @Test
    void aCheckpointReadsBackBitForBit() {
        RunCheckpoints c = checkpoints();
        ServerState server = CheckpointFixtures.server(3, 11);
        DriverCheckpoint written = driver(3);

        c.save(server, written);
        RunCheckpoints.Restored read = checkpoints().latest().orElseThrow();

        assertTrue(read.server().sameAs(server), "version, plan, parameters and optimiser state");
        assertEquals(written, read.driver(), "history (NaN and infinity included), fingerprint, resumptions");
        assertEquals(3, read.driver().roundsDone());
        assertTrue(Double.isNaN(read.driver().history().rounds().get(1).meanLoss()));
        assertEquals(c.roundDirectory(3), read.location());
    }

    @Test
    void onlyTheLastTwoCommittedRoundsAreKept() throws IOException {
        RunCheckpoints c = checkpoints();
        saveRounds(c, 1, 4);

        assertEquals(List.of(3, 4), c.committedRounds());
        try (Stream<Path> rounds = Files.list(dir.resolve("ckpt"))) {
            assertEquals(List.of("round-000003", "round-000004"),
                    rounds.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(4, c.latest().orElseThrow().driver().roundsDone());
    }

    @Test
    void aFinishedRunRemovesItsCheckpointsAndNothingElse() throws IOException {
        RunCheckpoints c = checkpoints();
        saveRounds(c, 1, 3);
        Files.createDirectories(dir.resolve("ckpt/round-000004"));

        c.removeAfterFinish();

        assertFalse(Files.exists(dir.resolve("ckpt")), "the emptied checkpoint directory is removed too");
        saveRounds(c, 1, 1);
        Files.writeString(dir.resolve("ckpt/notes.txt"), "the user's");
        c.removeAfterFinish();
        try (Stream<Path> left = Files.list(dir.resolve("ckpt"))) {
            assertEquals(List.of("notes.txt"), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aRoundWithoutItsCommitMarkerIsNeverRead() throws IOException {
        RunCheckpoints c = checkpoints();
        saveRounds(c, 1, 2);
        // What a driver killed while writing round 3 leaves: a truncated server file and a half-written marker
        // under its temporary name.
        Path round3 = dir.resolve("ckpt/round-000003");
        Files.createDirectories(round3);
        byte[] server = Files.readAllBytes(onlyServerFile(dir.resolve("ckpt/round-000002")));
        Files.write(round3.resolve("ckpt-000000000015.psck"), Arrays.copyOf(server, server.length / 2));
        Files.writeString(round3.resolve("." + RunCheckpoints.COMMIT + ".0b1c.tmp"), "{\"format\":");

        RunCheckpoints.Restored latest = checkpoints().latest().orElseThrow();
        assertEquals(2, latest.driver().roundsDone());
        assertEquals(10, latest.server().version());
        assertEquals(List.of(1, 2), c.committedRounds());

        // Writing round 3 again replaces the leftover.
        c.save(CheckpointFixtures.server(3, 3), driver(3));
        assertEquals(3, checkpoints().latest().orElseThrow().driver().roundsDone());
        try (Stream<Path> files = Files.list(round3)) {
            assertEquals(List.of("ckpt-000000000015.psck", RunCheckpoints.COMMIT),
                    files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList());
        }
    }

    @Test
    void leftoversBelowTheNewestCommitAreRemoved() throws IOException {
        RunCheckpoints c = checkpoints();
        Files.createDirectories(dir.resolve("ckpt/round-000001"));
        Files.writeString(dir.resolve("ckpt/round-000001/ckpt-000000000005.psck"), "partial");

        saveRounds(c, 2, 2);

        assertFalse(Files.exists(dir.resolve("ckpt/round-000001")));
        assertEquals(List.of(2), c.committedRounds());
    }

    @Test
    void aCommittedCheckpointThatDoesNotLoadIsAnErrorNamingIt() throws IOException {
        RunCheckpoints c = checkpoints();
        saveRounds(c, 1, 2);
        Path file = onlyServerFile(dir.resolve("ckpt/round-000002"));
        Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> checkpoints().latest());
        assertTrue(e.getMessage().contains("round 2") && e.getMessage().contains("round-000002")
                && e.getMessage().contains("the checkpoint of round 1 is still there"), e.getMessage());
    }

    @Test
    void aServerStateOfAnotherStepIsNotSavedWithTheHistory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> checkpoints().save(CheckpointFixtures.server(2, 1), driver(3)));
        assertTrue(e.getMessage().contains("version 10") && e.getMessage().contains("15 steps"), e.getMessage());
    }

    @Test
    void aNewRunRefusesCommittedCheckpointsAndClearsLeftovers() throws IOException {
        RunCheckpoints c = checkpoints();
        assertTrue(c.latest().isEmpty(), "no directory, no checkpoint");
        Files.createDirectories(dir.resolve("ckpt/round-000004"));
        c.startFresh();
        assertFalse(Files.exists(dir.resolve("ckpt/round-000004")), "an uncommitted leftover is cleared");

        saveRounds(c, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::startFresh);
        assertTrue(e.getMessage().contains("--resume") && e.getMessage().contains("rounds [1]"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("ckpt/round-000001/" + RunCheckpoints.COMMIT)), "nothing was deleted");
    }

    @Test
    void aDamagedDriverFileIsRefusedWithTheFieldThatIsWrong() throws IOException {
        RunCheckpoints c = checkpoints();
        saveRounds(c, 1, 1);
        Path marker = dir.resolve("ckpt/round-000001/" + RunCheckpoints.COMMIT);
        Files.writeString(marker, Files.readString(marker).replace("\"steps\" : 5,", "\"steps\" : \"five\","));
        Files.deleteIfExists(marker.resolveSibling("." + RunCheckpoints.COMMIT + ".crc"));

        IllegalStateException e = assertThrows(IllegalStateException.class, c::latest);
        assertTrue(e.getMessage().contains("steps is '\"five\"', not an integer"), e.getMessage());
    }

    @Test
    void historiesOfDifferentLengthsRoundTrip() {
        for (int rounds : new int[] {0, 1, 5}) {
            TrainingHistory h = CheckpointFixtures.history(rounds, 99);
            DriverCheckpoint c = new DriverCheckpoint(CheckpointFixtures.fingerprint("0.5"), h, List.of());
            assertEquals(c, DriverCheckpointJson.read(DriverCheckpointJson.write(c), "test"));
        }
    }

    private static Path onlyServerFile(Path round) throws IOException {
        try (Stream<Path> files = Files.list(round)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".psck")).findFirst().orElseThrow();
        }
    }
}
