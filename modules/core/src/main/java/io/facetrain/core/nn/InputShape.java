package io.facetrain.core.nn;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;

import java.util.Objects;

/**
 * The shape of one encoder input example, without the batch dimension: a sequence (length × channels,
 * e.g. a heart-signal trace), an image (height × width × channels) or a volume (depth × height × width ×
 * channels, e.g. a scan). Batches are laid out channels-first, as DL4J's convolution layers expect:
 * [n, c, length], [n, c, h, w] and [n, c, d, h, w].
 */
public final class InputShape {

    /** How many spatial dimensions an input has. */
    public enum Kind {
        /** One spatial dimension: length × channels. */
        SEQUENCE(1),
        /** Two spatial dimensions: height × width × channels. */
        IMAGE(2),
        /** Three spatial dimensions: depth × height × width × channels. */
        VOLUME(3);

        private final int spatialRank;

        Kind(int spatialRank) {
            this.spatialRank = spatialRank;
        }

        /** Number of spatial dimensions (1, 2 or 3). */
        public int spatialRank() {
            return spatialRank;
        }
    }

    private final Kind kind;
    private final int depth;
    private final int height;
    private final int width;
    private final int channels;

    private InputShape(Kind kind, int depth, int height, int width, int channels) {
        this.kind = kind;
        this.depth = requirePositive("depth", depth);
        this.height = requirePositive("height", height);
        this.width = requirePositive("width", width);
        this.channels = requirePositive("channels", channels);
    }

    /** A sequence of {@code length} steps with {@code channels} values each. */
    public static InputShape sequence(int length, int channels) {
        return new InputShape(Kind.SEQUENCE, 1, 1, length, channels);
    }

    /** An image of {@code height × width} pixels with {@code channels} channels (1 grey, 3 colour). */
    public static InputShape image(int height, int width, int channels) {
        return new InputShape(Kind.IMAGE, 1, height, width, channels);
    }

    /** A volume of {@code depth × height × width} voxels with {@code channels} channels. */
    public static InputShape volume(int depth, int height, int width, int channels) {
        return new InputShape(Kind.VOLUME, depth, height, width, channels);
    }

    public Kind kind() {
        return kind;
    }

    /** Depth of a volume; 1 otherwise. */
    public int depth() {
        return depth;
    }

    /** Height of an image or volume; 1 for a sequence. */
    public int height() {
        return height;
    }

    /** Width of an image or volume, or the length of a sequence. */
    public int width() {
        return width;
    }

    /** The sequence length (same as {@link #width()}). */
    public int length() {
        return width;
    }

    public int channels() {
        return channels;
    }

    /** Number of values in one example. */
    public int elementsPerExample() {
        return Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(depth, height), width), channels);
    }

    /** The channels-first shape of a batch of {@code n} examples. */
    public long[] batchShape(long n) {
        switch (kind) {
            case SEQUENCE:
                return new long[] {n, channels, width};
            case IMAGE:
                return new long[] {n, channels, height, width};
            case VOLUME:
                return new long[] {n, channels, depth, height, width};
            default:
                throw new IllegalStateException("unknown input kind " + kind);
        }
    }

    /** DL4J's description of this input, used to infer layer sizes. */
    public InputType inputType() {
        switch (kind) {
            case SEQUENCE:
                return InputType.recurrent(channels, width, RNNFormat.NCW);
            case IMAGE:
                return InputType.convolutional(height, width, channels);
            case VOLUME:
                return InputType.convolutional3D(Convolution3D.DataFormat.NCDHW, depth, height, width, channels);
            default:
                throw new IllegalStateException("unknown input kind " + kind);
        }
    }

    private static int requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("input " + name + " must be positive, got " + value);
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof InputShape)) {
            return false;
        }
        InputShape that = (InputShape) o;
        return kind == that.kind && depth == that.depth && height == that.height && width == that.width
                && channels == that.channels;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, depth, height, width, channels);
    }

    /** E.g. {@code 64x64x3} for an image, {@code 500x2} for a sequence, {@code 16x32x32x1} for a volume. */
    @Override
    public String toString() {
        switch (kind) {
            case SEQUENCE:
                return width + "x" + channels;
            case IMAGE:
                return height + "x" + width + "x" + channels;
            default:
                return depth + "x" + height + "x" + width + "x" + channels;
        }
    }
}
