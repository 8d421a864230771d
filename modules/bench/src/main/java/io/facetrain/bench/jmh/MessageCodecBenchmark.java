package io.facetrain.bench.jmh;

import io.facetrain.paramserver.wire.ChunkLayout;
import io.facetrain.paramserver.wire.InboundMessage;
import io.facetrain.paramserver.wire.MessageEncoder;
import io.facetrain.paramserver.wire.MessageSigner;
import io.facetrain.paramserver.wire.Rejection;
import io.facetrain.paramserver.wire.TensorPayload;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the parameter server's wire codec per chunk: encoding plus HMAC-SHA256 signing on the
 * sending side, verification plus copy-out on the receiving side. Every byte a step exchanges pays
 * both, so this bounds the server's throughput per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MessageCodecBenchmark {
    @Param({"65536", "1048576"})
    int chunkBytes;

    private ChunkLayout layout;
    private MessageEncoder encoder;
    private InboundMessage inbound;
    private float[] gradient;
    private float[] target;
    private UnsafeBuffer buffer;
    private int length;

    @Setup
    public void setUp() {
        byte[] secret = new byte[32];
        new SplittableRandom(1).nextBytes(secret);
        int elements = chunkBytes / Float.BYTES;
        layout = new ChunkLayout(elements, elements);
        encoder = new MessageEncoder(7, new MessageSigner(secret));
        inbound = new InboundMessage(7, new MessageSigner(secret), true);
        gradient = new float[elements];
        target = new float[elements];
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < elements; i++) {
            gradient[i] = (float) random.nextGaussian();
        }
        buffer = new UnsafeBuffer(new byte[TensorPayload.maxMessageLength(elements)]);
        length = TensorPayload.encodeGradient(encoder, buffer, 1, 0, 0, layout, 0, 1L, 1.0, gradient);
    }

    /** Encode and sign one gradient chunk. */
    @Benchmark
    public int encodeAndSign() {
        return TensorPayload.encodeGradient(encoder, buffer, 1, 0, 0, layout, 0, 1L, 1.0, gradient);
    }

    /** Verify one gradient chunk and copy its floats out. */
    @Benchmark
    public float verifyAndCopy() {
        Rejection rejection = inbound.wrap(buffer, 0, length);
        if (rejection != null) {
            throw new IllegalStateException("benchmark message rejected: " + rejection);
        }
        TensorPayload.copyInto(inbound, layout, TensorPayload.GRADIENT_PREFIX, target);
        return target[0];
    }
}
