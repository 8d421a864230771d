package io.facetrain.registry;

/**
 * A stored file does not match the checksum or size recorded when it was published, or a
 * manifest or commit marker cannot be parsed. The artifact must not be used.
 */
public final class CorruptArtifactException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public CorruptArtifactException(String message) {
        super(message);
    }

    public CorruptArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
