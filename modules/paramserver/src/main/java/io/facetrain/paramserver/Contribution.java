package io.facetrain.paramserver;

import io.facetrain.paramserver.wire.ChunkLayout;
import java.util.BitSet;

/**
 * One worker's gradient for one step attempt, assembled chunk by chunk. Each chunk is accepted at
 * most once, in any order; the gradient counts only when every chunk is in.
 */
final class Contribution {
    private final ChunkLayout layout;
    private final BitSet received;
    private float[] gradient;
    private long step = -1;
    private int attempt = -1;
    private double weight;
    private int receivedCount;

    Contribution(ChunkLayout layout) {
        this.layout = layout;
        this.received = new BitSet(layout.count());
    }

    /** True when this holds chunks of exactly that step attempt. */
    boolean isFor(long step, int attempt) {
        return this.step == step && this.attempt == attempt;
    }

    /** Starts collecting a new step attempt, discarding whatever was collected before. */
    void start(long newStep, int newAttempt, double newWeight) {
        step = newStep;
        attempt = newAttempt;
        weight = newWeight;
        received.clear();
        receivedCount = 0;
        if (gradient == null) {
            gradient = new float[layout.elementCount()];
        }
    }

    /** Forgets the current attempt (it was aborted or the worker left). */
    void discard() {
        step = -1;
        attempt = -1;
        received.clear();
        receivedCount = 0;
    }

    boolean hasChunk(int chunk) {
        return received.get(chunk);
    }

    /** Records that a chunk was copied into {@link #gradient()}. */
    void markReceived(int chunk) {
        received.set(chunk);
        receivedCount++;
    }

    /** True when every chunk of the current attempt is in. */
    boolean isComplete() {
        return step >= 0 && receivedCount == layout.count();
    }

    boolean isCompleteFor(long step, int attempt) {
        return isFor(step, attempt) && isComplete();
    }

    double weight() {
        return weight;
    }

    /** The buffer chunks are copied into (allocated on the first step). */
    float[] gradient() {
        return gradient;
    }
}
