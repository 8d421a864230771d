package io.facetrain.core.synth;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/**
 * What to generate: how many persons and images, how large, from which seed, on how many threads.
 * Immutable; every value is checked in {@link Builder#build()}, which names the offending key.
 * The HOCON section is {@code facetrain.generate} (documented in conf/facetrain.conf).
 */
public final class GeneratorSettings {

    /** The configuration section these settings come from. */
    public static final String SECTION = "facetrain.generate";
    public static final String PERSONS = "persons";
    public static final String IMAGES_PER_PERSON = "images-per-person";
    public static final String SIZE = "size";
    public static final String SEED = "seed";
    public static final String THREADS = "threads";

    /** Below 32 pixels the eyes and mouth are a pixel or two and the faces stop being faces. */
    public static final int MIN_SIZE = 32;
    public static final int MAX_SIZE = 1024;
    /** Person ids have five digits and file numbers four (synth_00001_0001.png). */
    public static final int MAX_PERSONS = 99_999;
    public static final int MAX_IMAGES_PER_PERSON = 9_999;
    public static final int MAX_THREADS = 256;

    private final int persons;
    private final int imagesPerPerson;
    private final int size;
    private final long seed;
    private final int threads;

    private GeneratorSettings(Builder builder) {
        this.persons = builder.persons;
        this.imagesPerPerson = builder.imagesPerPerson;
        this.size = builder.size;
        this.seed = builder.seed;
        this.threads = builder.threads;
    }

    /** Settings from the {@code facetrain.generate} section of a resolved configuration. */
    public static GeneratorSettings fromConfig(Config config) {
        Builder builder = builder();
        try {
            Config section = config.getConfig(SECTION);
            builder.persons(section.getInt(PERSONS))
                    .imagesPerPerson(section.getInt(IMAGES_PER_PERSON))
                    .size(section.getInt(SIZE))
                    .seed(section.getLong(SEED))
                    .threads(section.getInt(THREADS));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid " + SECTION + " configuration: " + e.getMessage(), e);
        }
        return builder.build();
    }

    /** A builder with the documented defaults (1000 persons × 10 images, 64 px, seed 1, all cores). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings, to override a few of them. */
    public Builder toBuilder() {
        return new Builder().persons(persons).imagesPerPerson(imagesPerPerson).size(size).seed(seed).threads(threads);
    }

    /** Number of persons (identities) to generate. */
    public int persons() {
        return persons;
    }

    /** Images rendered per person. */
    public int imagesPerPerson() {
        return imagesPerPerson;
    }

    /** Width and height of every image, in pixels. */
    public int size() {
        return size;
    }

    /** The dataset seed. */
    public long seed() {
        return seed;
    }

    /** The configured thread count; 0 means one per available core (see {@link #effectiveThreads()}). */
    public int threads() {
        return threads;
    }

    /** The number of rendering threads to start. */
    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /** persons × images per person. */
    public long totalImages() {
        return (long) persons * imagesPerPerson;
    }

    @Override
    public String toString() {
        return persons + " persons × " + imagesPerPerson + " images, " + size + "×" + size + " px, seed " + seed;
    }

    /** Collects values; {@link #build()} validates them all. */
    public static final class Builder {
        private int persons = 1000;
        private int imagesPerPerson = 10;
        private int size = 64;
        private long seed = 1;
        private int threads = 0;

        private Builder() {
        }

        public Builder persons(int value) {
            this.persons = value;
            return this;
        }

        public Builder imagesPerPerson(int value) {
            this.imagesPerPerson = value;
            return this;
        }

        public Builder size(int value) {
            this.size = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the key and the bad value */
        public GeneratorSettings build() {
            // Verification needs pairs of different persons.
            requireRange(PERSONS, persons, 2, MAX_PERSONS);
            requireRange(IMAGES_PER_PERSON, imagesPerPerson, 1, MAX_IMAGES_PER_PERSON);
            requireRange(SIZE, size, MIN_SIZE, MAX_SIZE);
            requireRange(THREADS, threads, 0, MAX_THREADS);
            return new GeneratorSettings(this);
        }

        private static void requireRange(String key, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(SECTION + "." + key + " must be between " + min + " and " + max
                        + ", got " + value);
            }
        }
    }
}
