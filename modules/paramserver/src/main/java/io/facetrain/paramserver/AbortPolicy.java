package io.facetrain.paramserver;

/**
 * What the server does after it aborted a step because workers were missing past the step timeout.
 * In both cases the aborted attempt is discarded whole and the step is retried as a new attempt with
 * the same parameters.
 */
public enum AbortPolicy {
    /** The missing workers are evicted; the step is retried by the remaining workers only. */
    CONTINUE_WITHOUT_MISSING(1),
    /** Membership is kept; the step is retried once every registered worker pushes it again. */
    RESTART_STEP(2);

    private final int code;

    AbortPolicy(int code) {
        this.code = code;
    }

    /** The wire code. */
    public int code() {
        return code;
    }

    /** The policy with this wire code. */
    public static AbortPolicy fromCode(int code) {
        for (AbortPolicy policy : values()) {
            if (policy.code == code) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown abort policy code " + code);
    }
}
