package io.facetrain.paramserver.wire;

/**
 * What a message is about. The numeric code is what travels on the wire; each kind flows in one
 * direction only, so a receiver can reject a kind that should never reach it.
 */
public enum MessageKind {
    /** Worker asks to join the run for a step range and names the channel it listens on. */
    REGISTER(1, true),
    /** Server accepts a registration and tells the worker the current version and chunking. */
    REGISTER_ACK(2, false),
    /** Worker leaves the run. */
    DEREGISTER(3, true),
    /** Worker asks for the current parameters. */
    PULL(4, true),
    /** One chunk of a worker's gradient for a step. */
    GRADIENT(5, true),
    /** One chunk of a parameter version; the same signed bytes go to every worker. */
    PARAMETERS(6, false),
    /** Server discarded a step attempt and says why and who was missing. */
    STEP_ABORTED(7, false),
    /** Server refused a worker's push (stale step, superseded attempt, outside its range). */
    PUSH_REJECTED(8, false);

    private static final MessageKind[] BY_CODE = new MessageKind[9];

    static {
        for (MessageKind kind : values()) {
            BY_CODE[kind.code] = kind;
        }
    }

    private final int code;
    private final boolean toServer;

    MessageKind(int code, boolean toServer) {
        this.code = code;
        this.toServer = toServer;
    }

    /** The wire code. */
    public int code() {
        return code;
    }

    /** True when workers send this kind to the server, false when the server sends it to workers. */
    public boolean toServer() {
        return toServer;
    }

    /** The kind with this wire code, or {@code null} when the code is unknown. */
    public static MessageKind fromCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
