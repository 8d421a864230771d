package io.facetrain.core.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Objects;

/**
 * What encoder to build: architecture, input shape, embedding dimension, width, weight decay, seed and
 * numeric precision. Immutable; validated when built.
 */
public final class EncoderSpec {

    private final Architecture architecture;
    private final InputShape inputShape;
    private final int embeddingDim;
    private final int width;
    private final int blocksPerStage;
    private final double l2;
    private final boolean batchNorm;
    private final long seed;
    private final DataType dataType;

    private EncoderSpec(Builder b) {
        this.architecture = Objects.requireNonNull(b.architecture, "architecture");
        this.inputShape = Objects.requireNonNull(b.inputShape, "inputShape");
        this.embeddingDim = b.embeddingDim;
        this.width = b.width;
        this.blocksPerStage = b.blocksPerStage;
        this.l2 = b.l2;
        this.batchNorm = b.batchNorm;
        this.seed = b.seed;
        this.dataType = Objects.requireNonNull(b.dataType, "dataType");
        validate();
    }

    private void validate() {
        if (architecture.inputKind() != inputShape.kind()) {
            throw new IllegalArgumentException("architecture '" + architecture.configName() + "' takes "
                    + architecture.inputKind().name().toLowerCase() + " inputs, got input shape " + inputShape
                    + " (" + inputShape.kind().name().toLowerCase() + ")");
        }
        if (embeddingDim < 2 || embeddingDim > 4096) {
            throw new IllegalArgumentException("embedding-dim must be in [2, 4096], got " + embeddingDim);
        }
        if (width < 1 || width > 1024) {
            throw new IllegalArgumentException("width must be in [1, 1024], got " + width);
        }
        if (blocksPerStage < 1 || blocksPerStage > 8) {
            throw new IllegalArgumentException("blocks-per-stage must be in [1, 8], got " + blocksPerStage);
        }
        if (!(l2 >= 0.0) || l2 > 1.0) {
            throw new IllegalArgumentException("l2 must be in [0, 1], got " + l2);
        }
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("data type must be FLOAT or DOUBLE, got " + dataType);
        }
        int minSide = minSpatialSide(inputShape);
        int needed = minimumSide(architecture);
        if (minSide < needed) {
            throw new IllegalArgumentException("input " + inputShape + " is too small for architecture '"
                    + architecture.configName() + "': every spatial side must be at least " + needed);
        }
    }

    private static int minSpatialSide(InputShape s) {
        switch (s.kind()) {
            case SEQUENCE:
                return s.length();
            case IMAGE:
                return Math.min(s.height(), s.width());
            default:
                return Math.min(s.depth(), Math.min(s.height(), s.width()));
        }
    }

    /** The smallest spatial side each architecture's downsampling steps leave at least one cell of. */
    private static int minimumSide(Architecture a) {
        switch (a) {
            case COMPACT:
                return 8;
            case PLAIN:
            case RESNET:
                return 16;
            case CONV1D:
                return 8;
            default:
                return 4;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this spec's values. */
    public Builder toBuilder() {
        return new Builder().architecture(architecture).inputShape(inputShape).embeddingDim(embeddingDim)
                .width(width).blocksPerStage(blocksPerStage).l2(l2).batchNorm(batchNorm).seed(seed).dataType(dataType);
    }

    public Architecture architecture() {
        return architecture;
    }

    public InputShape inputShape() {
        return inputShape;
    }

    /** Length of the L2-normalised embedding. */
    public int embeddingDim() {
        return embeddingDim;
    }

    /** Channels of the first stage; later stages double it. */
    public int width() {
        return width;
    }

    /** Residual blocks per stage (resnet only). */
    public int blocksPerStage() {
        return blocksPerStage;
    }

    /** L2 regularisation coefficient on convolution and dense weights (not biases, not batch-norm). */
    public double l2() {
        return l2;
    }

    /**
     * Whether the image architectures normalise activations with batch norm. Without it, convolutions carry
     * biases and residual branches start at zero; the 1D and 3D architectures never use it (DL4J's batch norm
     * takes rank-2 and rank-4 activations only).
     */
    public boolean batchNorm() {
        return batchNorm;
    }

    /** Seed of the parameter initialisation. */
    public long seed() {
        return seed;
    }

    /** FLOAT for training; DOUBLE for gradient checks. */
    public DataType dataType() {
        return dataType;
    }

    /** The spec as JSON (for model descriptors). */
    public JsonNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("architecture", architecture.configName());
        ObjectNode input = n.putObject("input");
        input.put("kind", inputShape.kind().name().toLowerCase(java.util.Locale.ROOT));
        input.put("depth", inputShape.depth());
        input.put("height", inputShape.height());
        input.put("width", inputShape.width());
        input.put("channels", inputShape.channels());
        n.put("embedding-dim", embeddingDim);
        n.put("width", width);
        n.put("blocks-per-stage", blocksPerStage);
        n.put("l2", l2);
        n.put("batch-norm", batchNorm);
        n.put("seed", seed);
        n.put("data-type", dataType.name());
        return n;
    }

    /** Reads {@link #toJson()} back. */
    public static EncoderSpec fromJson(JsonNode n) {
        JsonNode input = required(n, "input");
        String kind = required(input, "kind").asText();
        InputShape shape;
        switch (kind) {
            case "sequence":
                shape = InputShape.sequence(required(input, "width").asInt(), required(input, "channels").asInt());
                break;
            case "image":
                shape = InputShape.image(required(input, "height").asInt(), required(input, "width").asInt(),
                        required(input, "channels").asInt());
                break;
            case "volume":
                shape = InputShape.volume(required(input, "depth").asInt(), required(input, "height").asInt(),
                        required(input, "width").asInt(), required(input, "channels").asInt());
                break;
            default:
                throw new IllegalArgumentException("unknown input kind '" + kind + "' in encoder description");
        }
        return builder().architecture(Architecture.fromConfigName(required(n, "architecture").asText()))
                .inputShape(shape)
                .embeddingDim(required(n, "embedding-dim").asInt())
                .width(required(n, "width").asInt())
                .blocksPerStage(required(n, "blocks-per-stage").asInt())
                .l2(required(n, "l2").asDouble())
                .batchNorm(required(n, "batch-norm").asBoolean())
                .seed(required(n, "seed").asLong())
                .dataType(DataType.valueOf(required(n, "data-type").asText()))
                .build();
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("encoder description lacks '" + field + "'");
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EncoderSpec)) {
            return false;
        }
        EncoderSpec s = (EncoderSpec) o;
        return architecture == s.architecture && inputShape.equals(s.inputShape) && embeddingDim == s.embeddingDim
                && width == s.width && blocksPerStage == s.blocksPerStage && Double.compare(l2, s.l2) == 0
                && batchNorm == s.batchNorm
                && seed == s.seed && dataType == s.dataType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(architecture, inputShape, embeddingDim, width, blocksPerStage, l2, batchNorm, seed, dataType);
    }

    @Override
    public String toString() {
        return architecture.configName() + "(input=" + inputShape + ", embedding=" + embeddingDim + ", width=" + width
                + (architecture == Architecture.RESNET ? ", blocks=" + blocksPerStage : "") + ", l2=" + l2
                + (architecture.inputKind() == InputShape.Kind.IMAGE ? ", batch-norm=" + batchNorm : "")
                + ", seed=" + seed + ", " + dataType + ")";
    }

    /** Builder with defaults: 128-d embedding, width 16, one block per stage, no L2, batch norm, seed 1, FLOAT. */
    public static final class Builder {
        private Architecture architecture;
        private InputShape inputShape;
        private int embeddingDim = 128;
        private int width = 16;
        private int blocksPerStage = 1;
        private double l2 = 0.0;
        private boolean batchNorm = true;
        private long seed = 1L;
        private DataType dataType = DataType.FLOAT;

        private Builder() {
        }

        public Builder architecture(Architecture v) {
            this.architecture = v;
            return this;
        }

        public Builder inputShape(InputShape v) {
            this.inputShape = v;
            return this;
        }

        public Builder embeddingDim(int v) {
            this.embeddingDim = v;
            return this;
        }

        public Builder width(int v) {
            this.width = v;
            return this;
        }

        public Builder blocksPerStage(int v) {
            this.blocksPerStage = v;
            return this;
        }

        public Builder l2(double v) {
            this.l2 = v;
            return this;
        }

        public Builder batchNorm(boolean v) {
            this.batchNorm = v;
            return this;
        }

        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        public Builder dataType(DataType v) {
            this.dataType = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid value */
        public EncoderSpec build() {
            return new EncoderSpec(this);
        }
    }
}
