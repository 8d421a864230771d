package io.facetrain.paramserver;

/** An operation did not complete within its configured timeout. */
public final class ParameterServerTimeoutException extends ParameterServerException {
    private static final long serialVersionUID = 1L;

    public ParameterServerTimeoutException(String message) {
        super(message);
    }
}
