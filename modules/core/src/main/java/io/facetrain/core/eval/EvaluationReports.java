package io.facetrain.core.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One evaluation run: several methods side by side (the model and the baselines that make learning
 * visible) on one dataset. Renders as pretty JSON (all figures, downsampled ROC, histograms, per-fold
 * accuracies), as a console table, and as one Avro {@link io.facetrain.schema.EvaluationReport} per method
 * with the headline figures.
 *
 * <pre>{@code
 * EvaluationReports report = EvaluationReports.builder("lfw-view2")
 *         .model("facenet-small", 3)
 *         .add(EvaluationReports.MODEL, modelVerification, modelIdentification)
 *         .add(EvaluationReports.RAW_PIXELS, pixelVerification, null)
 *         .build();
 * report.writeJson(dir.resolve("metrics.json"));
 * out.println(report.toTable());
 * }</pre>
 */
public final class EvaluationReports {

    /** Conventional method name of the trained model. */
    public static final String MODEL = "model";
    /** Conventional method name of the raw-pixel L2 baseline. */
    public static final String RAW_PIXELS = "raw-pixels";
    /** Conventional method name of the untrained (randomly initialised) encoder baseline. */
    public static final String UNTRAINED_ENCODER = "untrained-encoder";

    /** Default cap on the ROC points written to JSON. */
    public static final int DEFAULT_ROC_POINTS = 200;

    private final String dataset;
    private final String modelName;
    private final Integer modelVersion;
    private final Instant createdTime;
    private final int rocMaxPoints;
    private final List<MethodResult> methods;

    private EvaluationReports(Builder b) {
        this.dataset = b.dataset;
        this.modelName = b.modelName;
        this.modelVersion = b.modelVersion;
        this.createdTime = b.createdTime;
        this.rocMaxPoints = b.rocMaxPoints;
        this.methods = List.copyOf(b.methods);
    }

    /**
     * @param dataset what was evaluated on, e.g. {@code "lfw-view2"} or {@code "held-out:synth-200"}
     */
    public static Builder builder(String dataset) {
        return new Builder(dataset);
    }

    /** The dataset name. */
    public String dataset() {
        return dataset;
    }

    /** The evaluated model's name, if given. */
    public Optional<String> modelName() {
        return Optional.ofNullable(modelName);
    }

    /** The evaluated model's registry version, if given. */
    public Optional<Integer> modelVersion() {
        return Optional.ofNullable(modelVersion);
    }

    /** When the evaluation ran. */
    public Instant createdTime() {
        return createdTime;
    }

    /** Cap on ROC points in the JSON rendering. */
    public int rocMaxPoints() {
        return rocMaxPoints;
    }

    /** The methods in the order added. */
    public List<MethodResult> methods() {
        return methods;
    }

    /** The method called {@code name}, if present. */
    public Optional<MethodResult> method(String name) {
        return methods.stream().filter(m -> m.method().equals(name)).findFirst();
    }

    /** Pretty-printed JSON with every figure. */
    public String toJson() {
        return ReportJson.render(this);
    }

    /**
     * Writes {@link #toJson()} to {@code file} (UTF-8), creating parent directories.
     *
     * @throws IOException when the file cannot be written
     */
    public void writeJson(Path file) throws IOException {
        ReportJson.write(this, file);
    }

    /** A compact fixed-width table for the console: one line per method. */
    public String toTable() {
        return ReportTable.render(this);
    }

    /** One Avro record per method, in order, with the headline figures. */
    public List<io.facetrain.schema.EvaluationReport> toAvro() {
        List<io.facetrain.schema.EvaluationReport> records = new ArrayList<>(methods.size());
        for (MethodResult m : methods) {
            records.add(ReportAvro.toRecord(this, m));
        }
        return records;
    }

    /** Builder; {@link #build()} needs at least one method. */
    public static final class Builder {
        private final String dataset;
        private String modelName;
        private Integer modelVersion;
        private Instant createdTime = Instant.now();
        private int rocMaxPoints = DEFAULT_ROC_POINTS;
        private final List<MethodResult> methods = new ArrayList<>();

        private Builder(String dataset) {
            if (dataset == null || dataset.isBlank()) {
                throw new IllegalArgumentException("dataset name must be a non-blank string");
            }
            this.dataset = dataset;
        }

        /** Names the evaluated model and its registry version (either may be null). */
        public Builder model(String name, Integer version) {
            this.modelName = name;
            this.modelVersion = version;
            return this;
        }

        /** When the evaluation ran (default: when the builder was made). */
        public Builder createdTime(Instant time) {
            this.createdTime = Objects.requireNonNull(time, "createdTime");
            return this;
        }

        /** Cap on ROC points in JSON, at least 2 (default {@value #DEFAULT_ROC_POINTS}). */
        public Builder rocMaxPoints(int maxPoints) {
            if (maxPoints < 2) {
                throw new IllegalArgumentException("ROC point cap must be >= 2, got " + maxPoints);
            }
            this.rocMaxPoints = maxPoints;
            return this;
        }

        /**
         * Adds a method.
         *
         * @param identification null when identification was not measured
         * @throws IllegalArgumentException when a method of that name was already added
         */
        public Builder add(String method, VerificationResult verification, IdentificationResult identification) {
            MethodResult result = new MethodResult(method, verification, identification);
            for (MethodResult m : methods) {
                if (m.method().equals(method)) {
                    throw new IllegalArgumentException("method \"" + method + "\" is already in the report");
                }
            }
            methods.add(result);
            return this;
        }

        /**
         * @throws IllegalArgumentException when no method was added
         */
        public EvaluationReports build() {
            if (methods.isEmpty()) {
                throw new IllegalArgumentException("an evaluation report needs at least one method");
            }
            return new EvaluationReports(this);
        }
    }
}
