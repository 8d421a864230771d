package io.facetrain.registry;

import io.facetrain.schema.ModelManifest;

/**
 * A version whose commit marker and the manifest it pins have been read and checked.
 *
 * @param manifestAvro the stored {@code manifest.avro} bytes, already checked against the marker
 */
record CommittedVersion(String model, int version, CommitMarker marker, ModelManifest manifest,
        byte[] manifestAvro) {
}
