package io.facetrain.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facetrain.schema.FileChecksum;
import io.facetrain.schema.InputSpec;
import io.facetrain.schema.ModelManifest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The two stored forms of a {@link ModelManifest}: {@code manifest.avro}, an Avro container file
 * holding one record with its schema (the authoritative form, readable by any later schema
 * version), and {@code manifest.json}, the same content for people and non-JVM tools, with the
 * configuration and preprocessing embedded as JSON rather than escaped strings.
 */
final class ManifestCodec {

    private ManifestCodec() {
    }

    static byte[] toAvro(ModelManifest manifest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataFileWriter<ModelManifest> writer =
                          new DataFileWriter<>(new SpecificDatumWriter<>(ModelManifest.class))) {
            writer.create(ModelManifest.getClassSchema(), bytes);
            writer.append(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static ModelManifest fromAvro(byte[] content, String what) throws CorruptArtifactException {
        try (DataFileStream<ModelManifest> stream = new DataFileStream<>(
                new ByteArrayInputStream(content), new SpecificDatumReader<>(ModelManifest.class))) {
            if (!stream.hasNext()) {
                throw new CorruptArtifactException(what + " holds no manifest record");
            }
            ModelManifest manifest = stream.next();
            if (stream.hasNext()) {
                throw new CorruptArtifactException(what + " holds more than one manifest record");
            }
            return manifest;
        } catch (IOException | AvroRuntimeException e) {
            throw new CorruptArtifactException(what + " is not a readable Avro manifest: "
                    + e.getMessage(), e);
        }
    }

    static byte[] toJson(ModelManifest manifest) {
        return Json.pretty(toJsonTree(manifest));
    }

    static ObjectNode toJsonTree(ModelManifest m) {
        ObjectNode root = Json.object();
        root.put("modelName", m.getModelName());
        root.put("version", m.getVersion());
        if (m.getParentVersion() == null) {
            root.putNull("parentVersion");
        } else {
            root.put("parentVersion", m.getParentVersion());
        }
        root.put("createdTime", m.getCreatedTime().toString());
        root.put("codeVersion", m.getCodeVersion());
        root.set("configuration", Json.parseArgument(m.getConfiguration(), "configuration"));
        root.put("datasetFingerprint", m.getDatasetFingerprint());
        ObjectNode input = root.putObject("input");
        input.put("height", m.getInput().getHeight());
        input.put("width", m.getInput().getWidth());
        input.put("channels", m.getInput().getChannels());
        input.set("preprocessing",
                Json.parseArgument(m.getInput().getPreprocessing(), "input.preprocessing"));
        root.put("embeddingDimension", m.getEmbeddingDimension());
        putNullable(root, "threshold", m.getThreshold());
        putNullable(root, "thresholdFalseAcceptRate", m.getThresholdFalseAcceptRate());
        ObjectNode metrics = root.putObject("metrics");
        new TreeMap<>(m.getMetrics()).forEach(metrics::put);
        ArrayNode files = root.putArray("files");
        for (FileChecksum file : m.getFiles()) {
            files.addObject()
                    .put("path", file.getPath())
                    .put("sizeBytes", file.getSizeBytes())
                    .put("sha256", file.getSha256());
        }
        return root;
    }

    static ModelManifest fromJson(byte[] content, String what) throws CorruptArtifactException {
        JsonNode root = Json.parseStored(content, what);
        JsonNode input = root.get("input");
        JsonNode metrics = root.get("metrics");
        JsonNode files = root.get("files");
        if (input == null || !input.isObject() || metrics == null || !metrics.isObject()
                || files == null || !files.isArray()) {
            throw new CorruptArtifactException(what + ": 'input', 'metrics' or 'files' is missing");
        }
        Map<String, Double> metricValues = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = metrics.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> metric = it.next();
            if (!metric.getValue().isNumber()) {
                throw new CorruptArtifactException(what + ": metric '" + metric.getKey()
                        + "' is not a number");
            }
            metricValues.put(metric.getKey(), metric.getValue().asDouble());
        }
        List<FileChecksum> checksums = new ArrayList<>();
        for (JsonNode file : files) {
            checksums.add(new FileChecksum(Json.requireText(file, "path", what),
                    Json.requireLong(file, "sizeBytes", what), Json.requireText(file, "sha256", what)));
        }
        JsonNode configuration = root.get("configuration");
        JsonNode preprocessing = input.get("preprocessing");
        if (configuration == null || preprocessing == null) {
            throw new CorruptArtifactException(what
                    + ": 'configuration' or 'input.preprocessing' is missing");
        }
        try {
            return ModelManifest.newBuilder()
                    .setModelName(Json.requireText(root, "modelName", what))
                    .setVersion(Json.requireInt(root, "version", what))
                    .setParentVersion(Json.optionalInt(root, "parentVersion", what))
                    .setCreatedTime(Instant.parse(Json.requireText(root, "createdTime", what)))
                    .setCodeVersion(Json.requireText(root, "codeVersion", what))
                    .setConfiguration(Json.compact(configuration))
                    .setDatasetFingerprint(Json.requireText(root, "datasetFingerprint", what))
                    .setInput(new InputSpec(Json.requireInt(input, "height", what),
                            Json.requireInt(input, "width", what), Json.requireInt(input, "channels", what),
                            Json.compact(preprocessing)))
                    .setEmbeddingDimension(Json.requireInt(root, "embeddingDimension", what))
                    .setThreshold(Json.optionalDouble(root, "threshold", what))
                    .setThresholdFalseAcceptRate(Json.optionalDouble(root, "thresholdFalseAcceptRate", what))
                    .setMetrics(metricValues)
                    .setFiles(checksums)
                    .build();
        } catch (DateTimeParseException e) {
            throw new CorruptArtifactException(what + ": 'createdTime' is not an ISO-8601 instant", e);
        }
    }

    private static void putNullable(ObjectNode node, String field, Double value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
