package io.facetrain.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a publish needs: a local directory of artifact files (the weights {@code model.zip}
 * and anything else, e.g. {@code report/*.png}) and the manifest fields the registry cannot work
 * out itself. Immutable; built and validated by {@link Builder#build()}.
 */
public final class PublishRequest {

    private final Path artifactDirectory;
    private final Integer parentVersion;
    private final String codeVersion;
    private final String configurationJson;
    private final String datasetFingerprint;
    private final int inputHeight;
    private final int inputWidth;
    private final int inputChannels;
    private final String preprocessingJson;
    private final int embeddingDimension;
    private final Double threshold;
    private final Double thresholdFalseAcceptRate;
    private final Map<String, Double> metrics;

    private PublishRequest(Builder b) {
        this.artifactDirectory = b.artifactDirectory;
        this.parentVersion = b.parentVersion;
        this.codeVersion = b.codeVersion;
        this.configurationJson = Json.compact(Json.parseArgument(b.configurationJson, "configuration"));
        this.datasetFingerprint = b.datasetFingerprint;
        this.inputHeight = b.inputHeight;
        this.inputWidth = b.inputWidth;
        this.inputChannels = b.inputChannels;
        this.preprocessingJson =
                Json.compact(Json.parseArgument(b.preprocessingJson, "input.preprocessing"));
        this.embeddingDimension = b.embeddingDimension;
        this.threshold = b.threshold;
        this.thresholdFalseAcceptRate = b.thresholdFalseAcceptRate;
        this.metrics = Collections.unmodifiableMap(new TreeMap<>(b.metrics));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The local directory whose regular files (recursively) become the version's artifacts. */
    public Path artifactDirectory() {
        return artifactDirectory;
    }

    /** The version this one was trained from (retraining), or null for a model trained anew. */
    public Integer parentVersion() {
        return parentVersion;
    }

    /** The git commit of the code that trained the model. */
    public String codeVersion() {
        return codeVersion;
    }

    /** The full training configuration, as compact JSON. */
    public String configurationJson() {
        return configurationJson;
    }

    public String datasetFingerprint() {
        return datasetFingerprint;
    }

    public int inputHeight() {
        return inputHeight;
    }

    public int inputWidth() {
        return inputWidth;
    }

    public int inputChannels() {
        return inputChannels;
    }

    /** Crop, resize and normalisation, as compact JSON. */
    public String preprocessingJson() {
        return preprocessingJson;
    }

    public int embeddingDimension() {
        return embeddingDimension;
    }

    /** τ: same person when the squared distance is at most this; null if not calibrated. */
    public Double threshold() {
        return threshold;
    }

    /** The false-accept rate τ was calibrated at; null exactly when τ is null. */
    public Double thresholdFalseAcceptRate() {
        return thresholdFalseAcceptRate;
    }

    /** Validation metrics by name, sorted by name. */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** Collects the fields of a {@link PublishRequest}; {@link #build()} validates them. */
    public static final class Builder {
        private Path artifactDirectory;
        private Integer parentVersion;
        private String codeVersion;
        private String configurationJson;
        private String datasetFingerprint;
        private int inputHeight;
        private int inputWidth;
        private int inputChannels;
        private String preprocessingJson = "{}";
        private int embeddingDimension;
        private Double threshold;
        private Double thresholdFalseAcceptRate;
        private final Map<String, Double> metrics = new TreeMap<>();

        private Builder() {
        }

        public Builder artifactDirectory(Path directory) {
            this.artifactDirectory = directory;
            return this;
        }

        public Builder parentVersion(Integer version) {
            this.parentVersion = version;
            return this;
        }

        public Builder codeVersion(String gitCommit) {
            this.codeVersion = gitCommit;
            return this;
        }

        public Builder configurationJson(String json) {
            this.configurationJson = json;
            return this;
        }

        public Builder datasetFingerprint(String fingerprint) {
            this.datasetFingerprint = fingerprint;
            return this;
        }

        /** Input shape the model expects and the preprocessing (JSON) that produces it. */
        public Builder input(int height, int width, int channels, String preprocessingJson) {
            this.inputHeight = height;
            this.inputWidth = width;
            this.inputChannels = channels;
            this.preprocessingJson = preprocessingJson;
            return this;
        }

        public Builder embeddingDimension(int dimension) {
            this.embeddingDimension = dimension;
            return this;
        }

        /** τ and the false-accept rate it was calibrated at; both or neither. */
        public Builder threshold(Double tau, Double falseAcceptRate) {
            this.threshold = tau;
            this.thresholdFalseAcceptRate = falseAcceptRate;
            return this;
        }

        public Builder metric(String name, double value) {
            this.metrics.put(name, value);
            return this;
        }

        public Builder metrics(Map<String, Double> values) {
            values.forEach(this::metric);
            return this;
        }

        /** Validates every field, naming the first bad one and its value. */
        public PublishRequest build() {
            if (artifactDirectory == null || !Files.isDirectory(artifactDirectory)) {
                throw new IllegalArgumentException("artifactDirectory '" + artifactDirectory
                        + "' is not an existing directory");
            }
            if (parentVersion != null && parentVersion < 1) {
                throw new IllegalArgumentException("parentVersion " + parentVersion
                        + " is invalid: versions start at 1");
            }
            requireText(codeVersion, "codeVersion");
            requireText(datasetFingerprint, "datasetFingerprint");
            requirePositive(inputHeight, "input.height");
            requirePositive(inputWidth, "input.width");
            requirePositive(inputChannels, "input.channels");
            requirePositive(embeddingDimension, "embeddingDimension");
            if ((threshold == null) != (thresholdFalseAcceptRate == null)) {
                throw new IllegalArgumentException("threshold (" + threshold
                        + ") and thresholdFalseAcceptRate (" + thresholdFalseAcceptRate
                        + ") must be given together");
            }
            if (threshold != null && (!Double.isFinite(threshold) || threshold < 0)) {
                throw new IllegalArgumentException("threshold " + threshold
                        + " is invalid: a squared distance is finite and not negative");
            }
            if (thresholdFalseAcceptRate != null
                    && !(thresholdFalseAcceptRate >= 0 && thresholdFalseAcceptRate <= 1)) {
                throw new IllegalArgumentException("thresholdFalseAcceptRate " + thresholdFalseAcceptRate
                        + " is invalid: a rate lies in [0, 1]");
            }
            metrics.forEach((name, value) -> {
                requireText(name, "metric name");
                if (value == null || !Double.isFinite(value)) {
                    throw new IllegalArgumentException("metric '" + name + "' = " + value
                            + " is invalid: metrics are finite numbers");
                }
            });
            return new PublishRequest(this);
        }

        private static void requireText(String value, String field) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " is missing or blank");
            }
        }

        private static void requirePositive(int value, String field) {
            if (value <= 0) {
                throw new IllegalArgumentException(field + " " + value + " is invalid: it must be positive");
            }
        }
    }
}
