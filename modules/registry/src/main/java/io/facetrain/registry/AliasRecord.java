package io.facetrain.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One move of an alias: the alias file holds the latest, the history one object per move.
 *
 * @param moveId          unique id of this move
 * @param sequence        1 for the first move of the alias, then one more than the move it
 *                        replaced: orders the history without trusting clocks (two concurrent
 *                        moves share a number)
 * @param model           the model the alias belongs to
 * @param alias           the alias name
 * @param version         the version the alias points at after the move
 * @param previousVersion the version it pointed at before, or null if the alias was new
 * @param movedAt         when the move was made (the mover's clock)
 * @param movedBy         the user that made it
 * @param reason          free text given with the move, or null
 */
public record AliasRecord(String moveId, long sequence, String model, String alias, int version,
        Integer previousVersion, Instant movedAt, String movedBy, String reason) {

    static final int FORMAT_VERSION = 1;

    /** {@code v0003}-style name of the target version. */
    public String versionName() {
        return RegistryLayout.versionName(version);
    }

    byte[] toJson() {
        ObjectNode node = Json.object();
        node.put("formatVersion", FORMAT_VERSION);
        node.put("moveId", moveId);
        node.put("sequence", sequence);
        node.put("model", model);
        node.put("alias", alias);
        node.put("version", version);
        if (previousVersion == null) {
            node.putNull("previousVersion");
        } else {
            node.put("previousVersion", previousVersion);
        }
        node.put("movedAt", movedAt.toString());
        node.put("movedBy", movedBy);
        if (reason == null) {
            node.putNull("reason");
        } else {
            node.put("reason", reason);
        }
        return Json.pretty(node);
    }

    static AliasRecord parse(byte[] content, String what) throws CorruptArtifactException {
        JsonNode node = Json.parseStored(content, what);
        int format = Json.requireInt(node, "formatVersion", what);
        if (format != FORMAT_VERSION) {
            throw new CorruptArtifactException(what + " has format version " + format
                    + "; this registry reads format " + FORMAT_VERSION);
        }
        try {
            return new AliasRecord(
                    Json.requireText(node, "moveId", what),
                    Json.requireLong(node, "sequence", what),
                    Json.requireText(node, "model", what),
                    Json.requireText(node, "alias", what),
                    Json.requireInt(node, "version", what),
                    Json.optionalInt(node, "previousVersion", what),
                    Instant.parse(Json.requireText(node, "movedAt", what)),
                    Json.requireText(node, "movedBy", what),
                    Json.optionalText(node, "reason", what));
        } catch (DateTimeParseException e) {
            throw new CorruptArtifactException(what + ": 'movedAt' is not an ISO-8601 instant", e);
        }
    }
}
