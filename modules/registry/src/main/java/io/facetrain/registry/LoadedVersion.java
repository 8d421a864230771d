package io.facetrain.registry;

import io.facetrain.schema.ModelManifest;
import java.nio.file.Path;

/**
 * A version downloaded to a local directory, every file checked against its manifest.
 *
 * @param model     the model name
 * @param version   the version number
 * @param reference what the caller asked for (a version or an alias such as {@code champion})
 * @param directory the local directory holding the artifact files and both manifests
 * @param manifest  the version's manifest
 */
public record LoadedVersion(String model, int version, VersionRef reference, Path directory,
        ModelManifest manifest) {

    /** The weights file, {@code model.zip}. */
    public Path weights() {
        return directory.resolve(RegistryLayout.WEIGHTS);
    }

    /** {@code v0003}-style name of the version. */
    public String versionName() {
        return RegistryLayout.versionName(version);
    }
}
