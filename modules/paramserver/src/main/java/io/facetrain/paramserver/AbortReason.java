package io.facetrain.paramserver;

/** Why a step attempt was discarded. The code travels in STEP_ABORTED messages. */
public enum AbortReason {
    /** Some expected workers had not delivered their whole gradient within the step timeout. */
    TIMEOUT(1),
    /** A gradient held NaN or infinity; applying it would destroy the parameters. */
    NON_FINITE_GRADIENT(2);

    private final int code;

    AbortReason(int code) {
        this.code = code;
    }

    /** The wire code. */
    public int code() {
        return code;
    }

    /** The reason with this wire code. */
    public static AbortReason fromCode(int code) {
        for (AbortReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown abort reason code " + code);
    }
}
