package io.facetrain.paramserver.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final long RUN = 0x1234_5678_9ABCL;
    private static final byte[] SECRET = secret(1);
    private static final ChunkLayout LAYOUT = new ChunkLayout(10, 4);

    private final MessageEncoder encoder = new MessageEncoder(RUN, new MessageSigner(SECRET));
    private final InboundMessage server = new InboundMessage(RUN, new MessageSigner(SECRET), true);
    private final InboundMessage worker = new InboundMessage(RUN, new MessageSigner(SECRET), false);

    @Test
    void gradientChunkRoundTrips() {
        float[] gradient = {0.5f, -1.25f, 3e-8f, Float.MAX_VALUE, 7, 8, 9, 10, 11, 12};
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[TensorPayload.maxMessageLength(4)]);
        int length = TensorPayload.encodeGradient(encoder, buffer, 42, 3, 7, LAYOUT, 1, 1_700_000_000_000L, 2.5,
                gradient);
        assertEquals(Header.LENGTH + TensorPayload.GRADIENT_PREFIX + 16, length);

        assertNull(server.wrap(buffer, 0, length));
        assertEquals(MessageKind.GRADIENT, server.kind());
        assertEquals(42, server.step());
        assertEquals(3, server.attempt());
        assertEquals(7, server.workerId());
        assertEquals(1, server.chunkIndex());
        assertEquals(3, server.chunkCount());
        assertEquals(1_700_000_000_000L, server.timestampMillis());
        assertEquals(2.5, TensorPayload.gradientWeight(server));
        assertEquals(true, TensorPayload.fitsLayout(server, LAYOUT, TensorPayload.GRADIENT_PREFIX));
        float[] target = new float[10];
        TensorPayload.copyInto(server, LAYOUT, TensorPayload.GRADIENT_PREFIX, target);
        assertArrayEquals(new float[] {0, 0, 0, 0, 7, 8, 9, 10, 0, 0}, target);
    }

    @Test
    void lastChunkIsShorterAndParametersAreAddressedToEveryWorker() {
        float[] parameters = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[TensorPayload.maxMessageLength(4)]);
        int length = TensorPayload.encodeParameters(encoder, buffer, 9, LAYOUT, 2, 5L, parameters);
        assertNull(worker.wrap(buffer, 0, length));
        assertEquals(MessageKind.PARAMETERS, worker.kind());
        assertEquals(Header.ALL_WORKERS, worker.workerId());
        assertEquals(TensorPayload.PARAMETERS_PREFIX + 8, worker.payloadLength());
        float[] target = new float[10];
        TensorPayload.copyInto(worker, LAYOUT, TensorPayload.PARAMETERS_PREFIX, target);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 9, 10}, target);
    }

    @Test
    void everyFlippedBitIsDetected() {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[TensorPayload.maxMessageLength(4)]);
        int length = TensorPayload.encodeGradient(encoder, buffer, 1, 0, 2, LAYOUT, 0, 99L, 1.0,
                new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        for (int i = 0; i < length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                UnsafeBuffer copy = new UnsafeBuffer(Arrays.copyOf(buffer.byteArray(), length));
                copy.putByte(i, (byte) (copy.getByte(i) ^ (1 << bit)));
                Rejection rejection = server.wrap(copy, 0, length);
                Rejection expected = expectedRejectionForFlipAt(i, copy.getInt(Header.PAYLOAD_LENGTH_OFFSET,
                        Header.ORDER), length - Header.LENGTH);
                assertEquals(expected, rejection, "bit " + bit + " of byte " + i);
            }
        }
    }

    /** Which check catches a flipped bit at {@code index}: the framing fields first, then the MAC. */
    private static Rejection expectedRejectionForFlipAt(int index, int declaredPayload, int actualPayload) {
        if (index < Header.VERSION_OFFSET) {
            return Rejection.BAD_MAGIC;
        }
        if (index < Header.KIND_OFFSET) {
            return Rejection.UNSUPPORTED_VERSION;
        }
        if (index >= Header.PAYLOAD_LENGTH_OFFSET && index < Header.RESERVED_OFFSET) {
            return declaredPayload < 0 || declaredPayload > actualPayload ? Rejection.TRUNCATED : Rejection.MALFORMED;
        }
        if (index >= Header.RESERVED_OFFSET && index < Header.MAC_OFFSET) {
            return Rejection.MALFORMED;
        }
        if (index >= Header.RUN_ID_OFFSET && index < Header.STEP_OFFSET) {
            return Rejection.FOREIGN_RUN;
        }
        return Rejection.BAD_SIGNATURE;
    }

    @Test
    void payloadLengthFieldMismatchesAreTruncatedOrMalformed() {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[TensorPayload.maxMessageLength(4)]);
        int length = TensorPayload.encodeGradient(encoder, buffer, 1, 0, 2, LAYOUT, 0, 99L, 1.0, new float[10]);
        assertEquals(Rejection.TRUNCATED, server.wrap(buffer, 0, length - 1));
        assertEquals(Rejection.TRUNCATED, server.wrap(buffer, 0, Header.LENGTH - 1));
        assertEquals(Rejection.TRUNCATED, server.wrap(buffer, 0, 2));
        UnsafeBuffer longer = new UnsafeBuffer(Arrays.copyOf(buffer.byteArray(), length + 4));
        assertEquals(Rejection.MALFORMED, server.wrap(longer, 0, length + 4));
    }

    @Test
    void foreignRunsWrongSecretsAndWrongDirectionsAreRejected() {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[TensorPayload.maxMessageLength(4)]);
        MessageEncoder otherRun = new MessageEncoder(RUN + 1, new MessageSigner(SECRET));
        int length = TensorPayload.encodeGradient(otherRun, buffer, 1, 0, 2, LAYOUT, 0, 99L, 1.0, new float[10]);
        assertEquals(Rejection.FOREIGN_RUN, server.wrap(buffer, 0, length));

        MessageEncoder otherSecret = new MessageEncoder(RUN, new MessageSigner(secret(2)));
        length = TensorPayload.encodeGradient(otherSecret, buffer, 1, 0, 2, LAYOUT, 0, 99L, 1.0, new float[10]);
        assertEquals(Rejection.BAD_SIGNATURE, server.wrap(buffer, 0, length));

        length = TensorPayload.encodeGradient(encoder, buffer, 1, 0, 2, LAYOUT, 0, 99L, 1.0, new float[10]);
        assertEquals(Rejection.UNEXPECTED_KIND, worker.wrap(buffer, 0, length), "workers never receive gradients");

        UnsafeBuffer unknown = ControlMessages.encode(encoder, MessageKind.PULL, 0, 0, 1, 5L, ControlPayload.EMPTY);
        unknown.putShort(Header.KIND_OFFSET, (short) 99, Header.ORDER);
        encoder.sign(unknown, 0, 0);
        assertEquals(Rejection.UNEXPECTED_KIND, server.wrap(unknown, 0, unknown.capacity()));
    }

    @Test
    void randomBytesNeverPass() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 2_000; i++) {
            byte[] garbage = new byte[random.nextInt(0, 300)];
            random.nextBytes(garbage);
            if (garbage.length >= 4 && random.nextBoolean()) {
                // Half carry the magic, so they get as far as the later checks.
                new UnsafeBuffer(garbage).putInt(0, Header.MAGIC, Header.ORDER);
            }
            Rejection rejection = server.wrap(new UnsafeBuffer(garbage), 0, garbage.length);
            assertEquals(true, rejection != null, "garbage " + i + " was accepted");
        }
    }

    @Test
    void verifiesMessagesInDirectBuffersToo() {
        UnsafeBuffer heap = new UnsafeBuffer(new byte[TensorPayload.maxMessageLength(4)]);
        int length = TensorPayload.encodeParameters(encoder, heap, 3, LAYOUT, 0, 5L, new float[10]);
        UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(length + 16));
        direct.putBytes(16, heap, 0, length);
        assertNull(worker.wrap(direct, 16, length));
        assertEquals(3, worker.step());
    }

    @Test
    void controlPayloadsRoundTrip() {
        RegisterPayload register = new RegisterPayload(5, 9, 4202, "aeron:udp?endpoint=127.0.0.1:40001");
        UnsafeBuffer message = ControlMessages.encode(encoder, MessageKind.REGISTER, 5, 0, 3, 77L, register);
        assertNull(server.wrap(message, 0, message.capacity()));
        assertEquals(register, RegisterPayload.read(server.buffer(), server.payloadOffset(), server.payloadLength()));

        RegisterAckPayload ack = new RegisterAckPayload(77L, 12, 1, 4096, 1_000_000);
        message = ControlMessages.encode(encoder, MessageKind.REGISTER_ACK, 12, 1, 3, 78L, ack);
        assertNull(worker.wrap(message, 0, message.capacity()));
        assertEquals(ack, RegisterAckPayload.read(worker.buffer(), worker.payloadOffset(), worker.payloadLength()));

        StepAbortedPayload abort = new StepAbortedPayload(2, 1, 2, new int[] {4, 5}, new int[0], new int[] {5});
        message = ControlMessages.encode(encoder, MessageKind.STEP_ABORTED, 12, 1, 3, 79L, abort);
        assertNull(worker.wrap(message, 0, message.capacity()));
        StepAbortedPayload read = StepAbortedPayload.read(worker.buffer(), worker.payloadOffset(),
                worker.payloadLength());
        assertArrayEquals(new int[] {4, 5}, read.missingWorkers());
        assertArrayEquals(new int[] {5}, read.evictedWorkers());
        assertEquals(2, read.nextAttempt());
        assertEquals(2, read.policyCode());

        PushRejectedPayload rejected = new PushRejectedPayload(PushRejectedPayload.Reason.STALE_STEP, 13, 0);
        message = ControlMessages.encode(encoder, MessageKind.PUSH_REJECTED, 12, 0, 3, 80L, rejected);
        assertNull(worker.wrap(message, 0, message.capacity()));
        assertEquals(rejected, PushRejectedPayload.read(worker.buffer(), worker.payloadOffset(),
                worker.payloadLength()));
    }

    @Test
    void inconsistentControlPayloadsAreRefused() {
        UnsafeBuffer bytes = new UnsafeBuffer(new byte[64]);
        new RegisterPayload(5, 9, 4202, "aeron:ipc?session-id=1").write(bytes, 0);
        bytes.putLong(8, 5, Header.ORDER);
        assertNull(RegisterPayload.read(bytes, 0, 24 + "aeron:ipc?session-id=1".length()), "end must exceed first");
        bytes.putInt(8, 99, Header.ORDER);
        assertNull(StepAbortedPayload.read(bytes, 0, 20), "too short");
        assertNull(RegisterAckPayload.read(bytes, 0, 31), "wrong length");
        assertNull(PushRejectedPayload.read(new UnsafeBuffer(new byte[16]), 0, 16), "reason code 0 is unknown");
    }

    @Test
    void chunkLayoutCoversEveryElementOnce() {
        ChunkLayout layout = new ChunkLayout(1_000_003, 65_536);
        assertEquals(16, layout.count());
        long covered = 0;
        for (int i = 0; i < layout.count(); i++) {
            assertEquals(covered, layout.offset(i));
            covered += layout.length(i);
        }
        assertEquals(1_000_003, covered);
        assertEquals(1, new ChunkLayout(5, 8).count());
        assertThrows(IllegalArgumentException.class, () -> new ChunkLayout(0, 8));
    }

    @Test
    void floatsCopyBothWaysAtAnyOffset() {
        float[] source = {1.5f, -2f, Float.NaN, Float.NEGATIVE_INFINITY, 0x1p-149f};
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        LittleEndianFloats.write(source, 1, buffer, 3, 4);
        assertEquals(-2f, buffer.getFloat(3, Header.ORDER));
        float[] back = new float[6];
        LittleEndianFloats.read(buffer, 3, back, 2, 4);
        assertEquals(Float.floatToRawIntBits(Float.NaN), Float.floatToRawIntBits(back[3]));
        assertArrayEquals(new float[] {0, 0, -2f, Float.NaN, Float.NEGATIVE_INFINITY, 0x1p-149f}, back);
        assertThrows(IndexOutOfBoundsException.class, () -> LittleEndianFloats.read(buffer, 60, back, 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> LittleEndianFloats.write(source, 3, buffer, 0, 3));
    }

    @Test
    void rejectsShortSecrets() {
        assertThrows(IllegalArgumentException.class, () -> new MessageSigner(new byte[16]));
    }

    private static byte[] secret(int seed) {
        byte[] secret = new byte[32];
        new SplittableRandom(seed).nextBytes(secret);
        return secret;
    }
}
