package io.facetrain.core.preprocess;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How 8-bit pixel values become network inputs. */
public enum Normalization {
    /** {@code (v − 127.5) / 127.5}: values in [−1, 1], the same mapping for every image. */
    FIXED("fixed"),
    /**
     * Each image (all channels together) shifted to mean 0 and scaled to standard deviation 1 (FaceNet's
     * "prewhitening"); removes global brightness and contrast differences between photographs.
     */
    PER_IMAGE("per-image");

    private final String configName;

    Normalization(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Normalization fromConfigName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Normalization n : values()) {
            if (n.configName.equals(wanted)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown normalization '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Normalization::configName).collect(Collectors.joining(", ")));
    }
}
