package io.facetrain.paramserver;

/** A parameter-server operation failed: unreachable peer, timeout, aborted or refused step. */
public class ParameterServerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ParameterServerException(String message) {
        super(message);
    }

    public ParameterServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
