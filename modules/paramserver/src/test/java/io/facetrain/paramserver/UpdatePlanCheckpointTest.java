package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/** Checkpoints carry the update plan (updaters and schedules as ND4J JSON) and still read format 1. */
class UpdatePlanCheckpointTest {
    @TempDir
    Path directory;

    @Test
    void roundTripsAPlanWithSchedulesBitForBit() throws IOException {
        UpdatePlan plan = UpdatePlan.of(List.of(
                new UpdateRange(0, 40, new Adam(new RampSchedule(0.01, 100, 1000))),
                new UpdateRange(40, 8, new NoOp()),
                new UpdateRange(48, 30, new Nesterovs(new StepSchedule(ScheduleType.ITERATION, 0.1, 0.5, 10), 0.9)),
                new UpdateRange(78, 12, new Sgd(new MapSchedule.Builder(ScheduleType.ITERATION).add(0, 0.2)
                        .add(50, 0.02).build())),
                new UpdateRange(90, 10, new AdaGrad(0.05, 1e-4))), 100);
        ServerState state = randomState(plan, 23);
        CheckpointStore store = CheckpointStore.at(directory.toUri().toString());
        ServerState loaded = store.load(store.save(state));
        assertTrue(loaded.sameAs(state), "version, plan, parameters and state survive");
        assertEquals(plan, loaded.plan());
        Adam scheduled = (Adam) loaded.plan().ranges().get(0).updater();
        assertEquals(new RampSchedule(0.01, 100, 1000), scheduled.getLearningRateSchedule());
        assertEquals(0.01 * 51 / 100, scheduled.getLearningRate(50, 0), 1e-15, "the schedule is evaluated, not a copy");
    }

    @Test
    void readsFormatOneAsTheUniformPlanOfItsOptimizer() throws IOException, URISyntaxException {
        // Written by the single-optimiser server before update plans existed.
        Path file = Path.of(getClass().getResource("/checkpoints/format-1/ckpt-000000000007.psck").toURI());
        CheckpointStore store = CheckpointStore.at(file.getParent().toUri().toString());
        ServerState old = store.loadLatest().orElseThrow();
        assertEquals(7, old.version());
        assertEquals(OptimizerSpec.adam(0.003, 0.8, 0.99, 1e-7).plan(5), old.plan());
        assertArrayEquals(new float[] {0.5f, -1.25f, 2f, 3.5f, -0.125f}, old.parameters());
        float[] moments = new float[10];
        for (int i = 0; i < moments.length; i++) {
            moments[i] = (i + 1) * 0.01f;
        }
        assertArrayEquals(moments, old.optimizerState());
        org.apache.hadoop.fs.Path rewritten = CheckpointStore.at(directory.toUri().toString()).save(old);
        assertEquals(2, ByteBuffer.wrap(Files.readAllBytes(Path.of(rewritten.toUri()))).getInt(8),
                "saved again in the current format");
    }

    @Test
    void anUpdaterClassMissingFromTheClasspathIsNamed() throws IOException {
        UpdatePlan plan = UpdatePlan.of(List.of(new UpdateRange(0, 5, new Adam(new RampSchedule(0.01, 3, 3))),
                new UpdateRange(5, 5, new NoOp())), 10);
        Path file = saved(randomState(plan, 5));
        // Same length, valid checksum: only the class name is unknown here.
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        byte[] renamed = text.replace("paramserver.RampSchedule", "paramserver.LampSchedule")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path edited = edited(resigned(renamed));
        IOException e = assertThrows(IOException.class, () -> load(edited));
        assertTrue(e.getMessage().contains("the updater of update range 0 cannot be read"), e.getMessage());
        assertTrue(e.getMessage().contains("io.facetrain.paramserver.LampSchedule"), e.getMessage());
    }

    @Test
    void aDamagedPlanIsReportedAsCorruptNotAsAStrangeUpdater() throws IOException {
        Path file = saved(randomState(UpdatePlan.uniform(new Adam(new RampSchedule(0.01, 3, 3)), 10), 6));
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        Path edited = edited(text.replace("RampSchedule", "RampSchedulX").getBytes(StandardCharsets.ISO_8859_1));
        IOException e = assertThrows(IOException.class, () -> load(edited));
        assertTrue(e.getMessage().contains("SHA-256 does not match"), e.getMessage());
    }

    @Test
    void rangesThatDoNotTileTheVectorAreRefused() throws IOException {
        UpdatePlan plan = UpdatePlan.of(List.of(new UpdateRange(0, 5, new Sgd(0.1)),
                new UpdateRange(5, 5, new NoOp())), 10);
        Path file = saved(randomState(plan, 7));
        byte[] bytes = Files.readAllBytes(file);
        // Second range's offset: magic, format, version, parameter count, range count, first range, its JSON.
        int firstJson = ByteBuffer.wrap(bytes).getInt(8 + 4 + 8 + 8 + 4 + 16);
        int secondOffset = 8 + 4 + 8 + 8 + 4 + 16 + 4 + firstJson;
        ByteBuffer.wrap(bytes).putLong(secondOffset, 6);
        Path edited = edited(resigned(bytes));
        IOException e = assertThrows(IOException.class, () -> load(edited));
        assertTrue(e.getMessage().contains("holds an invalid state: update range 1 [6, 11) leaves [5, 6) without an "
                + "updater"), e.getMessage());
    }

    @Test
    void newerFormatsAreRefusedByNumber() throws IOException {
        Path file = saved(randomState(UpdatePlan.uniform(new Sgd(0.1), 3), 8));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, 3);
        Path edited = edited(resigned(bytes));
        IOException e = assertThrows(IOException.class, () -> load(edited));
        assertTrue(e.getMessage().endsWith("has checkpoint format 3, this build reads formats 1 and 2"),
                e.getMessage());
    }

    @Test
    void stateChecksItsPlanAgainstParametersAndState() {
        UpdatePlan plan = UpdatePlan.of(List.of(new UpdateRange(0, 2, new Adam(0.1)),
                new UpdateRange(2, 1, new NoOp())), 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServerState(0, plan, new float[4], new float[4]));
        assertEquals("the update plan must cover the 4 parameters, got UpdatePlan[3 parameters in 2 ranges: "
                + "{adam=2, noop=1}]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ServerState(0, plan, new float[3], new float[6]));
        assertEquals("UpdatePlan[3 parameters in 2 ranges: {adam=2, noop=1}] needs 4 floats of state, got 6",
                e.getMessage());
        ServerState initial = ServerState.initial(new float[] {1, 2, 3}, plan);
        assertEquals(plan, initial.plan());
        assertArrayEquals(new float[4], initial.optimizerState());
    }

    private Path saved(ServerState state) throws IOException {
        return Path.of(CheckpointStore.at(directory.toUri().toString()).save(state).toUri());
    }

    /** A copy under a new name: Hadoop's local file system would refuse an edited file it wrote (its .crc). */
    private Path edited(byte[] bytes) throws IOException {
        return Files.write(directory.resolve("edited.psck"), bytes);
    }

    private ServerState load(Path file) throws IOException {
        return CheckpointStore.at(directory.toUri().toString()).load(new org.apache.hadoop.fs.Path(file.toUri()));
    }

    /** Replaces the trailing SHA-256 with that of the (edited) content, as a writer of such a file would. */
    private static byte[] resigned(byte[] bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, 0, bytes.length - 32);
            System.arraycopy(sha.digest(), 0, bytes, bytes.length - 32, 32);
            return bytes;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServerState randomState(UpdatePlan plan, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] parameters = new float[(int) plan.parameterCount()];
        float[] state = new float[(int) plan.stateSize()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < state.length; i++) {
            state[i] = Float.intBitsToFloat(random.nextInt());
        }
        return new ServerState(seed, plan, parameters, state);
    }
}
