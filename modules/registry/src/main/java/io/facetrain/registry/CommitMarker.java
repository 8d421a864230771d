package io.facetrain.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The {@code _COMMITTED} object of a version: written last, atomically, by the one publisher that
 * holds the version's claim. A version exists for readers exactly when a valid marker exists. It
 * pins the manifests by SHA-256, and the manifest pins every other file.
 */
record CommitMarker(
        int formatVersion,
        String model,
        int version,
        String claimId,
        String stagingId,
        Instant committedAt,
        Sha256.Digest manifestAvro,
        Sha256.Digest manifestJson) {

    static final int FORMAT_VERSION = 1;

    byte[] toJson() {
        ObjectNode node = Json.object();
        node.put("formatVersion", formatVersion);
        node.put("model", model);
        node.put("version", version);
        node.put("claimId", claimId);
        node.put("stagingId", stagingId);
        node.put("committedAt", committedAt.toString());
        node.putObject("manifestAvro")
                .put("sizeBytes", manifestAvro.sizeBytes()).put("sha256", manifestAvro.sha256());
        node.putObject("manifestJson")
                .put("sizeBytes", manifestJson.sizeBytes()).put("sha256", manifestJson.sha256());
        return Json.pretty(node);
    }

    /**
     * Parses a marker read from {@code what}, checking it belongs to {@code model} version
     * {@code version}: a marker copied into the wrong directory is corrupt, not valid.
     */
    static CommitMarker parse(byte[] content, String what, String model, int version)
            throws CorruptArtifactException {
        JsonNode node = Json.parseStored(content, what);
        int format = Json.requireInt(node, "formatVersion", what);
        if (format != FORMAT_VERSION) {
            throw new CorruptArtifactException(what + " has format version " + format
                    + "; this registry reads format " + FORMAT_VERSION);
        }
        CommitMarker marker;
        try {
            marker = new CommitMarker(format,
                    Json.requireText(node, "model", what),
                    Json.requireInt(node, "version", what),
                    Json.requireText(node, "claimId", what),
                    Json.requireText(node, "stagingId", what),
                    Instant.parse(Json.requireText(node, "committedAt", what)),
                    digest(node.get("manifestAvro"), "manifestAvro", what),
                    digest(node.get("manifestJson"), "manifestJson", what));
        } catch (DateTimeParseException e) {
            throw new CorruptArtifactException(what + ": 'committedAt' is not an ISO-8601 instant", e);
        }
        if (!marker.model().equals(model) || marker.version() != version) {
            throw new CorruptArtifactException(what + " names model '" + marker.model() + "' "
                    + RegistryLayout.versionName(marker.version()) + ", not '" + model + "' "
                    + RegistryLayout.versionName(version));
        }
        return marker;
    }

    private static Sha256.Digest digest(JsonNode node, String field, String what)
            throws CorruptArtifactException {
        if (node == null || !node.isObject()) {
            throw new CorruptArtifactException(what + ": field '" + field + "' is missing");
        }
        return new Sha256.Digest(Json.requireText(node, "sha256", what),
                Json.requireLong(node, "sizeBytes", what));
    }
}
