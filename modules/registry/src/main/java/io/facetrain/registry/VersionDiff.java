package io.facetrain.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.facetrain.schema.ModelManifest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The differences between two versions of a model: manifest fields, every training-configuration
 * setting (flattened to dotted paths such as {@code optimizer.learningRate} or
 * {@code layers[2].filters}) and every metric.
 *
 * @param model    the model name
 * @param left     the first version
 * @param right    the second version
 * @param manifest manifest fields that differ (code version, dataset, input, τ...)
 * @param config   configuration settings that differ, added or removed
 * @param metrics  every metric of either version, with both values
 */
public record VersionDiff(String model, int left, int right, List<Change> manifest,
        List<Change> config, List<MetricChange> metrics) {

    /** One setting that differs; a null side means the setting is absent there. */
    public record Change(String key, String left, String right) {
    }

    /** One metric of either version; a null side means the version does not have it. */
    public record MetricChange(String name, Double left, Double right) {

        /** right − left, or null if either side is missing. */
        public Double delta() {
            return left == null || right == null ? null : right - left;
        }

        public boolean changed() {
            return !Objects.equals(left, right);
        }
    }

    /** True if the two versions have identical manifest fields, configurations and metrics. */
    public boolean isEmpty() {
        return manifest.isEmpty() && config.isEmpty()
                && metrics.stream().noneMatch(MetricChange::changed);
    }

    static VersionDiff between(ModelManifest a, ModelManifest b) {
        return new VersionDiff(a.getModelName(), a.getVersion(), b.getVersion(),
                changes(manifestFields(a), manifestFields(b)),
                changes(flatten(Json.parseArgument(a.getConfiguration(), "configuration")),
                        flatten(Json.parseArgument(b.getConfiguration(), "configuration"))),
                metricChanges(a.getMetrics(), b.getMetrics()));
    }

    private static Map<String, String> manifestFields(ModelManifest m) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("parentVersion", String.valueOf(m.getParentVersion()));
        fields.put("codeVersion", m.getCodeVersion());
        fields.put("datasetFingerprint", m.getDatasetFingerprint());
        fields.put("input.height", String.valueOf(m.getInput().getHeight()));
        fields.put("input.width", String.valueOf(m.getInput().getWidth()));
        fields.put("input.channels", String.valueOf(m.getInput().getChannels()));
        flatten(Json.parseArgument(m.getInput().getPreprocessing(), "input.preprocessing"))
                .forEach((key, value) -> fields.put("input.preprocessing" + (key.isEmpty() ? "" : "." + key),
                        value));
        fields.put("embeddingDimension", String.valueOf(m.getEmbeddingDimension()));
        fields.put("threshold", String.valueOf(m.getThreshold()));
        fields.put("thresholdFalseAcceptRate", String.valueOf(m.getThresholdFalseAcceptRate()));
        return fields;
    }

    private static List<Change> changes(Map<String, String> a, Map<String, String> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Change> changes = new ArrayList<>();
        for (String key : keys) {
            if (!Objects.equals(a.get(key), b.get(key))) {
                changes.add(new Change(key, a.get(key), b.get(key)));
            }
        }
        return changes;
    }

    private static List<MetricChange> metricChanges(Map<String, Double> a, Map<String, Double> b) {
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        List<MetricChange> changes = new ArrayList<>();
        for (String name : names) {
            changes.add(new MetricChange(name, a.get(name), b.get(name)));
        }
        return changes;
    }

    /** Flattens JSON to leaf paths: objects by {@code .name}, arrays by {@code [i]}. */
    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> leaves = new TreeMap<>();
        flatten("", node, leaves);
        return leaves;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> leaves) {
        if (node.isObject() && node.size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                        field.getValue(), leaves);
            }
        } else if (node.isArray() && node.size() > 0) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), leaves);
            }
        } else {
            leaves.put(prefix, node.isTextual() ? node.asText() : node.toString());
        }
    }
}
