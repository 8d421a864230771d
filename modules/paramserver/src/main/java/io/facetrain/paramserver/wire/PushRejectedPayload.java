package io.facetrain.paramserver.wire;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * PUSH_REJECTED payload: why a worker's push cannot count, and where the server stands, so the
 * worker fails fast instead of waiting for a version that will never come. The header carries the
 * step and attempt that were pushed.
 *
 * <pre>reason (int32) | server version (int64) | server attempt (int32)</pre>
 *
 * @param reason why the push was refused
 * @param serverVersion the server's current version
 * @param serverAttempt the current attempt of that version's step
 */
public record PushRejectedPayload(Reason reason, long serverVersion, int serverAttempt) implements ControlPayload {
    private static final int LENGTH = 16;

    /** Why a push was refused; the code travels on the wire. */
    public enum Reason {
        /** The step was already applied: the worker computed on old parameters. */
        STALE_STEP(1),
        /** The step has not started: the worker is ahead of the server. */
        FUTURE_STEP(2),
        /** The attempt was aborted; push again with the current attempt. */
        SUPERSEDED_ATTEMPT(3),
        /** The step is outside the range the worker registered for. */
        OUTSIDE_RANGE(4);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        static Reason fromCode(int code) {
            for (Reason reason : values()) {
                if (reason.code == code) {
                    return reason;
                }
            }
            return null;
        }
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public void write(MutableDirectBuffer buffer, int offset) {
        buffer.putInt(offset, reason.code(), Header.ORDER);
        buffer.putLong(offset + 4, serverVersion, Header.ORDER);
        buffer.putInt(offset + 12, serverAttempt, Header.ORDER);
    }

    /** Parses a verified payload; {@code null} when its fields are inconsistent. */
    public static PushRejectedPayload read(DirectBuffer buffer, int offset, int length) {
        if (length != LENGTH) {
            return null;
        }
        Reason reason = Reason.fromCode(buffer.getInt(offset, Header.ORDER));
        long version = buffer.getLong(offset + 4, Header.ORDER);
        int attempt = buffer.getInt(offset + 12, Header.ORDER);
        return reason == null || version < 0 || attempt < 0 ? null : new PushRejectedPayload(reason, version, attempt);
    }
}
