package io.facetrain.core.synth;

import java.util.SplittableRandom;

/**
 * Derives an independent random stream for every person and every image from the dataset seed.
 *
 * <p>Each stream is seeded by hashing its coordinates (seed, person, image) with the SplitMix64
 * finaliser, so no random state is shared between persons or images: any image can be rendered alone,
 * in any order and on any thread, and comes out the same.
 */
final class SeedStreams {

    /** Odd 64-bit constant (the golden ratio) that spreads consecutive indices across the hash input. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /** Domain tags keep the person stream and the image streams of one person from ever coinciding. */
    private static final long PERSON_DOMAIN = 0x7065_7273_6f6e_0001L;
    private static final long IMAGE_DOMAIN = 0x696d_6167_6500_0002L;

    private SeedStreams() {
    }

    /** The stream that decides a person's identity traits. */
    static SplittableRandom person(long seed, int person) {
        return new SplittableRandom(hash(hash(seed ^ PERSON_DOMAIN) + GOLDEN_GAMMA * (person + 1L)));
    }

    /** The stream that decides the nuisance variation of one image of one person. */
    static SplittableRandom image(long seed, int person, int image) {
        long h = hash(seed ^ IMAGE_DOMAIN);
        h = hash(h + GOLDEN_GAMMA * (person + 1L));
        return new SplittableRandom(hash(h + GOLDEN_GAMMA * (image + 1L)));
    }

    /** SplitMix64's output function: a bijective 64-bit mixer with full avalanche. */
    static long hash(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
