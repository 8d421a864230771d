package io.facetrain.registry;

import io.facetrain.schema.ModelManifest;
import java.time.Instant;
import java.util.List;

/**
 * What {@code list} and {@code show} report about a committed version.
 *
 * @param model       the model name
 * @param version     the version number
 * @param committedAt when its commit marker was written
 * @param manifest    its manifest (configuration, metrics, checksums...)
 * @param aliases     the aliases that currently name it, sorted
 */
public record VersionInfo(String model, int version, Instant committedAt, ModelManifest manifest,
        List<String> aliases) {

    /** {@code v0003}-style name of the version. */
    public String versionName() {
        return RegistryLayout.versionName(version);
    }

    /** The manifest as the JSON stored in {@code manifest.json}. */
    public String manifestJson() {
        return Json.prettyString(ManifestCodec.toJsonTree(manifest));
    }
}
