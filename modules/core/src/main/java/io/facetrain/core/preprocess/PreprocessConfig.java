package io.facetrain.core.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;

/**
 * Preprocessing of face images: colour or grey, central crop, resize, normalisation, and the training
 * augmentation (crop jitter, horizontal flip, brightness and contrast). Immutable; validated on build.
 * HOCON section: {@code facetrain.train.preprocess}.
 */
public final class PreprocessConfig {

    private final int channels;
    private final int inputSize;
    private final double cropFraction;
    private final double jitterFraction;
    private final boolean flip;
    private final double brightness;
    private final double contrast;
    private final Normalization normalization;

    private PreprocessConfig(Builder b) {
        this.channels = b.channels;
        this.inputSize = b.inputSize;
        this.cropFraction = b.cropFraction;
        this.jitterFraction = b.jitterFraction;
        this.flip = b.flip;
        this.brightness = b.brightness;
        this.contrast = b.contrast;
        this.normalization = b.normalization;
        validate();
    }

    private void validate() {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("preprocess.channels must be 1 (grey) or 3 (colour), got " + channels);
        }
        if (inputSize < 8 || inputSize > 512) {
            throw new IllegalArgumentException("preprocess.input-size must be in [8, 512], got " + inputSize);
        }
        if (!(cropFraction > 0) || cropFraction > 1) {
            throw new IllegalArgumentException("preprocess.crop-fraction must be in (0, 1], got " + cropFraction);
        }
        if (!(jitterFraction >= 0) || jitterFraction > 0.25) {
            throw new IllegalArgumentException("preprocess.jitter-fraction must be in [0, 0.25], got " + jitterFraction);
        }
        if (!(brightness >= 0) || brightness > 1) {
            throw new IllegalArgumentException("preprocess.brightness must be in [0, 1], got " + brightness);
        }
        if (!(contrast >= 0) || contrast >= 1) {
            throw new IllegalArgumentException("preprocess.contrast must be in [0, 1), got " + contrast);
        }
        if (normalization == null) {
            throw new IllegalArgumentException("preprocess.normalization is required");
        }
    }

    /** Maps the {@code facetrain.train.preprocess} section. */
    public static PreprocessConfig fromConfig(Config c) {
        try {
            return builder()
                    .channels(c.getInt("channels"))
                    .inputSize(c.getInt("input-size"))
                    .cropFraction(c.getDouble("crop-fraction"))
                    .jitterFraction(c.getDouble("jitter-fraction"))
                    .flip(c.getBoolean("flip"))
                    .brightness(c.getDouble("brightness"))
                    .contrast(c.getDouble("contrast"))
                    .normalization(Normalization.fromConfigName(c.getString("normalization")))
                    .build();
        } catch (com.typesafe.config.ConfigException e) {
            throw new IllegalArgumentException("bad preprocess configuration: " + e.getMessage(), e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().channels(channels).inputSize(inputSize).cropFraction(cropFraction)
                .jitterFraction(jitterFraction).flip(flip).brightness(brightness).contrast(contrast)
                .normalization(normalization);
    }

    /** 1 for grey, 3 for colour (RGB, in that plane order). */
    public int channels() {
        return channels;
    }

    /** Side of the square network input, in pixels. */
    public int inputSize() {
        return inputSize;
    }

    /** Side of the central crop as a fraction of the image's shorter side (LFW deep-funneled: 0.48 ≈ 120 of 250 px). */
    public double cropFraction() {
        return cropFraction;
    }

    /** Largest training crop shift, as a fraction of the crop side, in each direction. */
    public double jitterFraction() {
        return jitterFraction;
    }

    /** Whether training flips images horizontally at random. */
    public boolean flip() {
        return flip;
    }

    /** Largest training brightness change, as a fraction of the full 0–255 range. */
    public double brightness() {
        return brightness;
    }

    /** Largest training contrast change: a factor drawn from [1 − contrast, 1 + contrast]. */
    public double contrast() {
        return contrast;
    }

    public Normalization normalization() {
        return normalization;
    }

    /** Pixels of margin kept around the input on each side, so that jittered crops need no new decode. */
    public int jitterPixels() {
        return (int) Math.round(inputSize * jitterFraction);
    }

    /** Side of the cached image: the input plus the jitter margin on both sides. */
    public int cachedSize() {
        return inputSize + 2 * jitterPixels();
    }

    /** Whether the training pipeline changes images at all. */
    public boolean augments() {
        return jitterPixels() > 0 || flip || brightness > 0 || contrast > 0;
    }

    /** The settings as JSON (for model descriptors). */
    public JsonNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("channels", channels);
        n.put("input-size", inputSize);
        n.put("crop-fraction", cropFraction);
        n.put("jitter-fraction", jitterFraction);
        n.put("flip", flip);
        n.put("brightness", brightness);
        n.put("contrast", contrast);
        n.put("normalization", normalization.configName());
        return n;
    }

    /** Reads {@link #toJson()} back. */
    public static PreprocessConfig fromJson(JsonNode n) {
        return builder()
                .channels(required(n, "channels").asInt())
                .inputSize(required(n, "input-size").asInt())
                .cropFraction(required(n, "crop-fraction").asDouble())
                .jitterFraction(required(n, "jitter-fraction").asDouble())
                .flip(required(n, "flip").asBoolean())
                .brightness(required(n, "brightness").asDouble())
                .contrast(required(n, "contrast").asDouble())
                .normalization(Normalization.fromConfigName(required(n, "normalization").asText()))
                .build();
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("preprocessing description lacks '" + field + "'");
        }
        return v;
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    /** Builder; defaults: colour, 64 px, crop 0.48, jitter 0.06, flip, brightness 0.15, contrast 0.15, per-image. */
    public static final class Builder {
        private int channels = 3;
        private int inputSize = 64;
        private double cropFraction = 0.48;
        private double jitterFraction = 0.06;
        private boolean flip = true;
        private double brightness = 0.15;
        private double contrast = 0.15;
        private Normalization normalization = Normalization.PER_IMAGE;

        private Builder() {
        }

        public Builder channels(int v) {
            channels = v;
            return this;
        }

        public Builder inputSize(int v) {
            inputSize = v;
            return this;
        }

        public Builder cropFraction(double v) {
            cropFraction = v;
            return this;
        }

        public Builder jitterFraction(double v) {
            jitterFraction = v;
            return this;
        }

        public Builder flip(boolean v) {
            flip = v;
            return this;
        }

        public Builder brightness(double v) {
            brightness = v;
            return this;
        }

        public Builder contrast(double v) {
            contrast = v;
            return this;
        }

        public Builder normalization(Normalization v) {
            normalization = v;
            return this;
        }

        public PreprocessConfig build() {
            return new PreprocessConfig(this);
        }
    }
}
