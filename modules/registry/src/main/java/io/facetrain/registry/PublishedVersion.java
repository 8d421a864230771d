package io.facetrain.registry;

import io.facetrain.schema.ModelManifest;
import java.net.URI;

/**
 * A version that has just been committed.
 *
 * @param model    the model name
 * @param version  the version number the registry gave it
 * @param location the version directory, fully qualified
 * @param manifest the manifest as stored
 */
public record PublishedVersion(String model, int version, URI location, ModelManifest manifest) {

    /** {@code v0003}-style name of the version. */
    public String versionName() {
        return RegistryLayout.versionName(version);
    }
}
