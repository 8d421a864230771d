package io.facetrain.paramserver.wire;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * STEP_ABORTED payload. The header carries the step and the attempt that was discarded.
 *
 * <pre>next attempt (int32) | reason code (int32) | policy code (int32) | missing count (int32) |
 * non-finite count (int32) | evicted count (int32) | missing ids | non-finite ids | evicted ids (int32 each)</pre>
 *
 * @param nextAttempt attempt number the step continues with
 * @param reasonCode why the attempt was discarded (the server's abort reason codes)
 * @param policyCode the abort policy in force (the server's policy codes)
 * @param missingWorkers workers that had not delivered their whole gradient in time
 * @param nonFiniteWorkers workers whose gradient held NaN or infinity
 * @param evictedWorkers workers removed from the run as a consequence
 */
public record StepAbortedPayload(int nextAttempt, int reasonCode, int policyCode, int[] missingWorkers,
                                 int[] nonFiniteWorkers, int[] evictedWorkers) implements ControlPayload {
    private static final int FIXED_LENGTH = 24;
    /** More ids than this in one list is taken as a malformed message. */
    public static final int MAX_IDS = 65_536;

    @Override
    public int length() {
        return FIXED_LENGTH + 4 * (missingWorkers.length + nonFiniteWorkers.length + evictedWorkers.length);
    }

    @Override
    public void write(MutableDirectBuffer buffer, int offset) {
        buffer.putInt(offset, nextAttempt, Header.ORDER);
        buffer.putInt(offset + 4, reasonCode, Header.ORDER);
        buffer.putInt(offset + 8, policyCode, Header.ORDER);
        buffer.putInt(offset + 12, missingWorkers.length, Header.ORDER);
        buffer.putInt(offset + 16, nonFiniteWorkers.length, Header.ORDER);
        buffer.putInt(offset + 20, evictedWorkers.length, Header.ORDER);
        int at = offset + FIXED_LENGTH;
        for (int[] ids : new int[][] {missingWorkers, nonFiniteWorkers, evictedWorkers}) {
            for (int id : ids) {
                buffer.putInt(at, id, Header.ORDER);
                at += 4;
            }
        }
    }

    /** Parses a verified payload; {@code null} when its fields are inconsistent. */
    public static StepAbortedPayload read(DirectBuffer buffer, int offset, int length) {
        if (length < FIXED_LENGTH) {
            return null;
        }
        int next = buffer.getInt(offset, Header.ORDER);
        int reason = buffer.getInt(offset + 4, Header.ORDER);
        int policy = buffer.getInt(offset + 8, Header.ORDER);
        int[] counts = {buffer.getInt(offset + 12, Header.ORDER), buffer.getInt(offset + 16, Header.ORDER),
                buffer.getInt(offset + 20, Header.ORDER)};
        long total = 0;
        for (int count : counts) {
            if (count < 0 || count > MAX_IDS) {
                return null;
            }
            total += count;
        }
        if (next < 1 || length != FIXED_LENGTH + 4 * total) {
            return null;
        }
        int at = offset + FIXED_LENGTH;
        int[][] lists = new int[3][];
        for (int list = 0; list < 3; list++) {
            lists[list] = new int[counts[list]];
            for (int i = 0; i < counts[list]; i++) {
                lists[list][i] = buffer.getInt(at, Header.ORDER);
                at += 4;
            }
        }
        return new StepAbortedPayload(next, reason, policy, lists[0], lists[1], lists[2]);
    }
}
