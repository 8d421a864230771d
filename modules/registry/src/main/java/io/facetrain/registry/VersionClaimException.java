package io.facetrain.registry;

/**
 * No version number could be claimed because other publishers kept claiming the same numbers at
 * the same moment. Nothing was published; the staged files were removed. Retrying is safe.
 */
public final class VersionClaimException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public VersionClaimException(String message) {
        super(message);
    }
}
