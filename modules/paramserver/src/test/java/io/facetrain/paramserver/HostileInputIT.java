package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.driver.status.SystemCounterDescriptor;
import io.facetrain.paramserver.wire.ChunkLayout;
import io.facetrain.paramserver.wire.ControlMessages;
import io.facetrain.paramserver.wire.Header;
import io.facetrain.paramserver.wire.MessageEncoder;
import io.facetrain.paramserver.wire.MessageKind;
import io.facetrain.paramserver.wire.MessageSigner;
import io.facetrain.paramserver.wire.RegisterPayload;
import io.facetrain.paramserver.wire.Rejection;
import io.facetrain.paramserver.wire.TensorPayload;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Between steps of a real run over UDP, an attacker floods the server with random bytes, truncated
 * chunks, other runs' messages, bad signatures, replayed old steps and replayed registrations, plus
 * raw datagrams that are not even Aeron frames; and, holding the secret, duplicates and reorders a
 * worker's chunks. None may change the parameters, and every message is counted under its reason.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HostileInputIT {
    private static final int DIMENSION = 20_000;
    private static final int BATCH = 4;
    private static final long STEPS = 6;
    private static final long ATTACK_AT = 3;

    private static EmbeddedAeron aeron;
    private final LinearRegressionTask task = new LinearRegressionTask(DIMENSION, 41);
    private final SplittableRandom random = new SplittableRandom(99);

    @BeforeAll
    static void startDriver() {
        aeron = EmbeddedAeron.launch(config());
    }

    @AfterAll
    static void stopDriver() {
        aeron.close();
    }

    private static ParamServerConfig config() {
        return TestSettings.config(Transport.UDP, OptimizerSpec.adam(0.01)).conclude();
    }

    @Test
    void hostileMessagesAreCountedAndNeverApplied() throws Exception {
        ParamServerConfig config = config();
        RunCredentials credentials = TestSettings.credentials(501);
        ChunkLayout layout = new ChunkLayout(DIMENSION, config.chunkElements());
        try (ParameterServer server = ParameterServer.start(aeron.aeron(), config, credentials,
                ServerState.initial(task.initialParameters(), config.optimizer()));
             ParameterServerClient first = ParameterServerClient.connect(aeron.aeron(), config, credentials,
                     server.endpoint(), 0, StepRange.of(0, STEPS));
             ParameterServerClient second = ParameterServerClient.connect(aeron.aeron(), config, credentials,
                     server.endpoint(), 1, StepRange.of(0, STEPS));
             ExclusivePublication attacker = aeron.aeron().addExclusivePublication(
                     Channels.publication(config, server.endpoint().channel()), server.endpoint().streamId())) {
            server.expectWorkers(StepRange.of(0, STEPS), 0, 1);
            float[] atAttack = runBoth(first, second, ATTACK_AT);
            float[] parametersBefore = server.snapshot().parameters();
            long invalidPacketsBefore = invalidPackets();

            MessageEncoder forger = new MessageEncoder(credentials.runId(), new MessageSigner(credentials.secret()));
            Map<Rejection, Long> expected = new EnumMap<>(Rejection.class);
            // Random bytes: without the magic, with the magic but a wrong version, and too short to hold it.
            for (int i = 0; i < 30; i++) {
                byte[] garbage = randomBytes(4, 400);
                UnsafeBuffer buffer = new UnsafeBuffer(garbage);
                if (buffer.getInt(0, Header.ORDER) == Header.MAGIC) {
                    buffer.putInt(0, ~Header.MAGIC, Header.ORDER);
                }
                send(attacker, buffer);
            }
            expected.merge(Rejection.BAD_MAGIC, 30L, Long::sum);
            for (int i = 0; i < 20; i++) {
                UnsafeBuffer buffer = new UnsafeBuffer(randomBytes(Header.LENGTH, 400));
                buffer.putInt(Header.MAGIC_OFFSET, Header.MAGIC, Header.ORDER);
                buffer.putShort(Header.VERSION_OFFSET, (short) (2 + random.nextInt(1000)), Header.ORDER);
                send(attacker, buffer);
            }
            expected.merge(Rejection.UNSUPPORTED_VERSION, 20L, Long::sum);
            for (int i = 0; i < 5; i++) {
                send(attacker, new UnsafeBuffer(randomBytes(1, 3)));
            }
            expected.merge(Rejection.TRUNCATED, 5L, Long::sum);

            // Valid chunks of the current step, truncated.
            float[] gradient = new float[DIMENSION];
            int weight = task.gradient(atAttack, ATTACK_AT, BATCH, gradient, 0);
            for (int i = 0; i < 10; i++) {
                UnsafeBuffer chunk = gradientChunk(forger, ATTACK_AT, 0, layout, i % layout.count(), weight, gradient);
                send(attacker, new UnsafeBuffer(chunk.byteArray(), 0, chunk.capacity() - 1 - random.nextInt(100)));
            }
            expected.merge(Rejection.TRUNCATED, 10L, Long::sum);

            // Another run id signed with this run's secret, and another run altogether.
            MessageEncoder otherRunId = new MessageEncoder(credentials.runId() + 1, new MessageSigner(credentials.secret()));
            RunCredentials otherRun = TestSettings.credentials(777);
            MessageEncoder otherRunEncoder = new MessageEncoder(otherRun.runId(), new MessageSigner(otherRun.secret()));
            for (int i = 0; i < 10; i++) {
                send(attacker, gradientChunk(otherRunId, ATTACK_AT, 0, layout, i % layout.count(), weight, gradient));
                send(attacker, gradientChunk(otherRunEncoder, ATTACK_AT, 0, layout, i % layout.count(), weight,
                        gradient));
            }
            expected.merge(Rejection.FOREIGN_RUN, 20L, Long::sum);

            // Right run id, wrong key; and a correctly signed chunk with one payload bit flipped.
            MessageEncoder wrongKey = new MessageEncoder(credentials.runId(), new MessageSigner(new byte[32]));
            for (int i = 0; i < 5; i++) {
                send(attacker, gradientChunk(wrongKey, ATTACK_AT, 0, layout, i % layout.count(), weight, gradient));
                UnsafeBuffer flipped = gradientChunk(forger, ATTACK_AT, 0, layout, i % layout.count(), weight, gradient);
                int at = Header.LENGTH + random.nextInt(flipped.capacity() - Header.LENGTH);
                flipped.putByte(at, (byte) (flipped.getByte(at) ^ 0x10));
                send(attacker, flipped);
            }
            expected.merge(Rejection.BAD_SIGNATURE, 10L, Long::sum);

            // Replays: gradient chunks of an old step, a registration captured long ago.
            for (int i = 0; i < 10; i++) {
                send(attacker, gradientChunk(forger, 1, i % 2, layout, i % layout.count(), weight, gradient));
            }
            expected.merge(Rejection.STALE_STEP, 10L, Long::sum);
            for (int i = 0; i < 5; i++) {
                send(attacker, ControlMessages.encode(forger, MessageKind.REGISTER, 0, 0, 0,
                        System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1) + i,
                        new RegisterPayload(0, STEPS, 4202, "aeron:udp?endpoint=127.0.0.1:9")));
            }
            expected.merge(Rejection.REPLAYED, 5L, Long::sum);
            // A worker that never registered.
            for (int i = 0; i < 5; i++) {
                send(attacker, gradientChunk(forger, ATTACK_AT, 9, layout, i % layout.count(), weight, gradient));
            }
            expected.merge(Rejection.UNKNOWN_WORKER, 5L, Long::sum);

            // Not even Aeron frames: raw datagrams at the server's port.
            try (DatagramChannel raw = DatagramChannel.open()) {
                InetSocketAddress target = endpointAddress(server.endpoint());
                for (int i = 0; i < 20; i++) {
                    raw.send(ByteBuffer.wrap(randomBytes(1, 200)), target);
                }
            }

            long total = expected.values().stream().mapToLong(Long::longValue).sum();
            StepAbortIT.waitUntil(() -> server.rejections().total() >= total, "every hostile message is counted");
            assertEquals(expected, server.rejections().snapshot(), "each message counted under its reason");
            StepAbortIT.waitUntil(() -> invalidPackets() >= invalidPacketsBefore + 1,
                    "the media driver dropped the raw datagrams");
            assertArrayEquals(parametersBefore, server.snapshot().parameters(), "no hostile message changed anything");
            assertEquals(ATTACK_AT, server.version());

            // Holding the secret: worker 0's true gradient chunks, reversed and each sent twice, before
            // worker 0 itself pushes them. Every chunk counts once; the others are duplicates.
            for (int chunk = layout.count() - 1; chunk >= 0; chunk--) {
                UnsafeBuffer message = gradientChunk(forger, ATTACK_AT, 0, layout, chunk, weight, gradient);
                send(attacker, message);
                send(attacker, message);
            }
            StepAbortIT.waitUntil(() -> server.rejections().get(Rejection.DUPLICATE_CHUNK) >= layout.count(),
                    "duplicates are recognised");
            float[] end = runBoth(first, second, STEPS);
            // Worker 0's own chunks arrive before the step completes (duplicates) or after (stale), and
            // it stops sending once it learns the step is done: none of them counts again.
            long ownChunks = server.rejections().get(Rejection.DUPLICATE_CHUNK) - layout.count()
                    + server.rejections().get(Rejection.STALE_STEP) - expected.get(Rejection.STALE_STEP);
            assertTrue(ownChunks >= 0 && ownChunks <= layout.count(), "worker 0's own chunks: " + server.rejections());

            ServerState reference = Runs.reference(aeron, config, task, BATCH, 502,
                    Map.of(0, StepRange.of(0, STEPS), 1, StepRange.of(0, STEPS)), STEPS);
            assertTrue(reference.sameAs(server.snapshot()), "the run ends exactly as a clean run");
            assertArrayEquals(reference.parameters(), end);
        }
    }

    /** Runs both workers from the current version up to {@code endStep}; returns worker 0's parameters. */
    private float[] runBoth(ParameterServerClient first, ParameterServerClient second, long endStep) throws Exception {
        CompletableFuture<float[]> a = CompletableFuture.supplyAsync(
                () -> new WorkerLoop(task, BATCH, line -> { }, 0).run(first, endStep));
        float[] b = new WorkerLoop(task, BATCH, line -> { }, 1).run(second, endStep);
        float[] result = a.get(60, TimeUnit.SECONDS);
        assertArrayEquals(result, b);
        return result;
    }

    private static UnsafeBuffer gradientChunk(MessageEncoder encoder, long step, int workerId, ChunkLayout layout,
                                              int chunk, int weight, float[] gradient) {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[TensorPayload.maxMessageLength(layout.length(chunk))]);
        int length = TensorPayload.encodeGradient(encoder, buffer, step, 0, workerId, layout, chunk,
                System.currentTimeMillis(), weight, gradient);
        return new UnsafeBuffer(buffer.byteArray(), 0, length);
    }

    private byte[] randomBytes(int minLength, int maxLength) {
        byte[] bytes = new byte[random.nextInt(minLength, maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void send(ExclusivePublication publication, UnsafeBuffer message) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long result;
        while ((result = publication.offer(message, 0, message.capacity())) < 0) {
            assertTrue(result != Publication.CLOSED && result != Publication.MAX_POSITION_EXCEEDED,
                    "attacker publication failed: " + result);
            assertTrue(System.nanoTime() < deadline, "attacker could not send: " + result);
            Thread.onSpinWait();
        }
    }

    private static InetSocketAddress endpointAddress(ServerEndpoint endpoint) {
        String hostPort = endpoint.channel().substring("aeron:udp?endpoint=".length());
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static long invalidPackets() {
        CountersReader counters = aeron.aeron().countersReader();
        return counters.getCounterValue(SystemCounterDescriptor.INVALID_PACKETS.id());
    }
}
