package io.facetrain.registry;

/** The requested model, version or alias does not exist (or its version is not committed). */
public final class VersionNotFoundException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public VersionNotFoundException(String message) {
        super(message);
    }
}
