package io.facetrain.registry;

import java.io.IOException;

/** A registry operation failed; the message names the model, version and step concerned. */
public class RegistryException extends IOException {

    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
