package io.facetrain.core.synth;

import java.awt.image.BufferedImage;

/**
 * The generated-faces dataset as a pure function: image {@code i} of person {@code p} for a given seed
 * and size. A person's traits depend only on (seed, p) and an image's variation only on (seed, p, i),
 * so any image can be produced alone, in any order, on any thread, with identical pixels.
 *
 * <p>Indices are 0-based here; the names written to disk are 1-based (see {@link SynthLayout}).
 */
public final class SyntheticFaces {

    private final long seed;
    private final int size;

    /**
     * @param seed dataset seed: a different seed gives different persons
     * @param size image width and height in pixels, at least {@link GeneratorSettings#MIN_SIZE}
     */
    public SyntheticFaces(long seed, int size) {
        if (size < GeneratorSettings.MIN_SIZE || size > GeneratorSettings.MAX_SIZE) {
            throw new IllegalArgumentException("image size must be between " + GeneratorSettings.MIN_SIZE + " and "
                    + GeneratorSettings.MAX_SIZE + " pixels, got " + size);
        }
        this.seed = seed;
        this.size = size;
    }

    /** The dataset seed. */
    public long seed() {
        return seed;
    }

    /** Width and height of every image, in pixels. */
    public int size() {
        return size;
    }

    /** Image {@code image} of person {@code person}, as a {@code TYPE_INT_RGB} image of size × size. */
    public BufferedImage render(int person, int image) {
        return FaceRenderer.render(traits(person), variation(person, image), size);
    }

    FaceTraits traits(int person) {
        requireIndex("person", person);
        return FaceTraits.sample(SeedStreams.person(seed, person));
    }

    FaceVariation variation(int person, int image) {
        requireIndex("person", person);
        requireIndex("image", image);
        return FaceVariation.sample(SeedStreams.image(seed, person, image));
    }

    private static void requireIndex(String what, int index) {
        if (index < 0) {
            throw new IllegalArgumentException(what + " index must be >= 0, got " + index);
        }
    }
}
