package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path directory;

    @Test
    void roundTripsBitForBit() throws IOException {
        CheckpointStore store = CheckpointStore.at(directory.toUri().toString());
        ServerState state = state(12, 100_003);
        org.apache.hadoop.fs.Path written = store.save(state);
        assertEquals("ckpt-000000000012.psck", written.getName());
        ServerState loaded = store.load(written);
        assertTrue(loaded.sameAs(state));
        assertEquals(state.plan(), loaded.plan());
        try (Stream<Path> files = Files.list(directory)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void latestIsTheHighestVersion() throws IOException {
        CheckpointStore store = CheckpointStore.at(directory.resolve("nested/run").toUri().toString());
        assertTrue(store.loadLatest().isEmpty());
        store.save(state(9, 10));
        store.save(state(10, 10));
        store.save(state(2, 10));
        List<org.apache.hadoop.fs.Path> all = store.list();
        assertEquals(3, all.size());
        assertEquals(10, store.loadLatest().orElseThrow().version());
        assertTrue(all.get(0).getName().contains("000000000002"));
    }

    @Test
    void savingAVersionAgainReplacesIt() throws IOException {
        CheckpointStore store = CheckpointStore.at(directory.toUri().toString());
        store.save(state(4, 10));
        ServerState newer = new ServerState(4, OptimizerSpec.sgd(0.1, 0), new float[] {1, 2}, new float[0]);
        store.save(newer);
        assertTrue(store.loadLatest().orElseThrow().sameAs(newer));
    }

    @Test
    void corruptOrTruncatedFilesDoNotLoad() throws IOException {
        CheckpointStore store = CheckpointStore.at(directory.toUri().toString());
        org.apache.hadoop.fs.Path written = store.save(state(3, 1000));
        Path file = Path.of(written.toUri());
        byte[] bytes = Files.readAllBytes(file);

        bytes[bytes.length / 2] ^= 1;
        Path corrupt = directory.resolve("corrupt.psck");
        Files.write(corrupt, bytes);
        IOException e = assertThrows(IOException.class, () -> store.load(new org.apache.hadoop.fs.Path(corrupt.toUri())));
        assertTrue(e.getMessage().contains("SHA-256 does not match"), e.getMessage());

        Path truncated = directory.resolve("truncated.psck");
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(file), bytes.length - 40));
        e = assertThrows(IOException.class, () -> store.load(new org.apache.hadoop.fs.Path(truncated.toUri())));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Path notOurs = directory.resolve("other.psck");
        Files.writeString(notOurs, "hello, this is not a checkpoint at all");
        e = assertThrows(IOException.class, () -> store.load(new org.apache.hadoop.fs.Path(notOurs.toUri())));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());

        byte[] hugeCount = Files.readAllBytes(file);
        // Counted back from the end: SHA-256, 2000 Adam state floats and their count, 1000 parameters.
        int countOffset = hugeCount.length - 32 - 2000 * 4 - 4 - 1000 * 4 - 4;
        ByteBuffer.wrap(hugeCount).putInt(countOffset, Integer.MAX_VALUE);
        Path huge = directory.resolve("huge.psck");
        Files.write(huge, hugeCount);
        e = assertThrows(IOException.class, () -> store.load(new org.apache.hadoop.fs.Path(huge.toUri())));
        assertTrue(e.getMessage().contains("impossible in"), e.getMessage());
    }

    @Test
    void stateValidatesItsOptimizerStateLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServerState(0, OptimizerSpec.adam(0.1), new float[3], new float[3]));
        assertEquals("adam state for 3 parameters must hold 6 floats, got 3", e.getMessage());
        ServerState initial = ServerState.initial(new float[] {1, 2}, OptimizerSpec.sgd(0.1, 0.9));
        assertArrayEquals(new float[2], initial.optimizerState());
        assertEquals(0, initial.version());
    }

    private static ServerState state(long version, int parameters) {
        SplittableRandom random = new SplittableRandom(version);
        float[] values = new float[parameters];
        float[] moments = new float[2 * parameters];
        for (int i = 0; i < parameters; i++) {
            values[i] = (float) random.nextGaussian();
            moments[i] = (float) random.nextDouble();
            moments[parameters + i] = Float.intBitsToFloat(random.nextInt());
        }
        return new ServerState(version, OptimizerSpec.adam(0.003, 0.8, 0.99, 1e-7), values, moments);
    }
}
