package io.facetrain.paramserver.wire;

/**
 * Why an inbound message was dropped. Every dropped message is counted under exactly one of these,
 * so counters can be checked against what a hostile or broken peer sent.
 */
public enum Rejection {
    /** Shorter than a header, or shorter than the payload length its header declares. */
    TRUNCATED,
    /** Does not start with the protocol magic: not one of our messages at all. */
    BAD_MAGIC,
    /** A protocol version this build does not speak. */
    UNSUPPORTED_VERSION,
    /** Signed for another run (another run id). */
    FOREIGN_RUN,
    /** The HMAC does not match: tampered, corrupted, or signed with another secret. */
    BAD_SIGNATURE,
    /** An unknown kind, or a kind that never flows in this direction. */
    UNEXPECTED_KIND,
    /** Header fields or payload that do not make sense (layout, weight, lengths, reserved bits). */
    MALFORMED,
    /** A control message whose timestamp is not newer than the last one from that worker, or too old. */
    REPLAYED,
    /** For a step or attempt that is already over. */
    STALE_STEP,
    /** For a step or attempt that has not started. */
    FUTURE_STEP,
    /** A chunk already received for this step and attempt (applied at most once). */
    DUPLICATE_CHUNK,
    /** From a worker that is not registered, or for a step outside its registered range. */
    UNKNOWN_WORKER,
    /** Addressed to another worker. */
    MISDIRECTED
}
