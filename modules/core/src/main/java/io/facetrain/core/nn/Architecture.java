package io.facetrain.core.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The encoder architectures {@link EncoderBuilder} can build. Every one ends in a dense embedding layer
 * followed by L2 normalisation, so that each embedding has unit length.
 */
public enum Architecture {

    /**
     * Three conv-BN-ReLU blocks (w, 2w, 4w channels, two 2× max-pools), global average pooling.
     * Small and fast: for unit tests and quick experiments on images.
     */
    COMPACT("compact", InputShape.Kind.IMAGE),

    /**
     * Four conv-BN-ReLU-maxpool blocks (w, 2w, 4w, 8w channels) and global average pooling: the plain
     * CNN that the design spike measured, kept as a reference point.
     */
    PLAIN("plain", InputShape.Kind.IMAGE),

    /**
     * A small residual network: a stride-2 convolution and a 2×2 max-pool as the stem, then three stages of
     * basic residual blocks (w, 2w, 4w channels, each later stage halving the resolution), global average
     * pooling. Sized for 64–96 px faces.
     */
    RESNET("resnet", InputShape.Kind.IMAGE),

    /** 1D convolutions over a sequence (length × channels): three conv-ReLU blocks, global average pooling. */
    CONV1D("conv1d", InputShape.Kind.SEQUENCE),

    /** 3D convolutions over a volume (depth × height × width × channels): two conv-ReLU blocks, pooling. */
    CONV3D("conv3d", InputShape.Kind.VOLUME);

    private final String configName;
    private final InputShape.Kind inputKind;

    Architecture(String configName, InputShape.Kind inputKind) {
        this.configName = configName;
        this.inputKind = inputKind;
    }

    /** The name used in configuration files and model descriptors. */
    public String configName() {
        return configName;
    }

    /** The kind of input this architecture accepts. */
    public InputShape.Kind inputKind() {
        return inputKind;
    }

    /** Looks an architecture up by its configuration name (case-insensitive). */
    public static Architecture fromConfigName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Architecture a : values()) {
            if (a.configName.equals(wanted)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown encoder architecture '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Architecture::configName).collect(Collectors.joining(", ")));
    }
}
