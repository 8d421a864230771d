package io.facetrain.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON reading and writing for registry metadata. Numbers are kept exactly as written (no
 * double rounding), so a configuration survives a parse and a re-render unchanged.
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses caller-supplied JSON text; {@code field} names it in the error. */
    static JsonNode parseArgument(String text, String field) {
        if (text == null) {
            throw new IllegalArgumentException(field + " is missing: give it as JSON text");
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(field + " is empty: give it as JSON text");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(field + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Parses a stored metadata file; a malformed one is reported as corrupt. */
    static JsonNode parseStored(byte[] content, String what) throws CorruptArtifactException {
        try {
            JsonNode node = MAPPER.readTree(content);
            if (node == null || !node.isObject()) {
                throw new CorruptArtifactException(what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new CorruptArtifactException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a JSON tree always renders", e);
        }
    }

    static byte[] pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a JSON tree always renders", e);
        }
    }

    static String prettyString(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a JSON tree always renders", e);
        }
    }

    static String requireText(JsonNode node, String field, String what)
            throws CorruptArtifactException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new CorruptArtifactException(what + ": field '" + field + "' is missing or not text");
        }
        return value.asText();
    }

    static long requireLong(JsonNode node, String field, String what)
            throws CorruptArtifactException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new CorruptArtifactException(what + ": field '" + field
                    + "' is missing or not an integer");
        }
        return value.asLong();
    }

    static int requireInt(JsonNode node, String field, String what)
            throws CorruptArtifactException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new CorruptArtifactException(what + ": field '" + field
                    + "' is missing or not an integer");
        }
        return value.asInt();
    }

    /** An optional integer: absent or null gives null. */
    static Integer optionalInt(JsonNode node, String field, String what)
            throws CorruptArtifactException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return requireInt(node, field, what);
    }

    /** An optional number: absent or null gives null. */
    static Double optionalDouble(JsonNode node, String field, String what)
            throws CorruptArtifactException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new CorruptArtifactException(what + ": field '" + field + "' is not a number");
        }
        return value.asDouble();
    }

    /** An optional text: absent or null gives null. */
    static String optionalText(JsonNode node, String field, String what)
            throws CorruptArtifactException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return requireText(node, field, what);
    }
}
