package io.facetrain.core.eval;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.util.Objects;

/**
 * Settings of the identification protocol. Immutable; validated in {@link Builder#build()}.
 *
 * <p>HOCON section {@code facetrain.evaluation.identification} (see conf/facetrain.conf):
 * <pre>
 * gallery-images-per-person = 1
 * unknown-person-fraction = 0.2
 * open-set-far = 0.01
 * seed = 42
 * </pre>
 */
public final class IdentificationConfig {

    /** Path of this component's section in the facetrain configuration. */
    public static final String SECTION = "facetrain.evaluation.identification";

    private final int galleryImagesPerPerson;
    private final double unknownPersonFraction;
    private final double openSetFar;
    private final long seed;

    private IdentificationConfig(Builder b) {
        this.galleryImagesPerPerson = b.galleryImagesPerPerson;
        this.unknownPersonFraction = b.unknownPersonFraction;
        this.openSetFar = b.openSetFar;
        this.seed = b.seed;
    }

    /** One gallery image per person, 20% of persons unknown, open-set FAR 0.01, seed 42. */
    public static IdentificationConfig defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@value #SECTION} from a resolved facetrain configuration.
     *
     * @throws IllegalArgumentException naming the key when a value is missing, of the wrong type or invalid
     */
    public static IdentificationConfig fromConfig(Config config) {
        Objects.requireNonNull(config, "config");
        Builder b = builder();
        String key = "";
        try {
            key = SECTION + ".gallery-images-per-person";
            b.galleryImagesPerPerson(config.getInt(key));
            key = SECTION + ".unknown-person-fraction";
            b.unknownPersonFraction(config.getDouble(key));
            key = SECTION + ".open-set-far";
            b.openSetFar(config.getDouble(key));
            key = SECTION + ".seed";
            b.seed(config.getLong(key));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
        return b.build();
    }

    /** Gallery images enrolled per known person (persons with fewer images enrol all of them). */
    public int galleryImagesPerPerson() {
        return galleryImagesPerPerson;
    }

    /** Fraction of persons held out as "unknown" (never enrolled); 0 disables the open-set measure. */
    public double unknownPersonFraction() {
        return unknownPersonFraction;
    }

    /** Target false alarm rate for the open-set detection-and-identification rate. */
    public double openSetFar() {
        return openSetFar;
    }

    /** Seed of the gallery/probe split. */
    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return "IdentificationConfig{galleryImagesPerPerson=" + galleryImagesPerPerson + ", unknownPersonFraction="
                + unknownPersonFraction + ", openSetFar=" + openSetFar + ", seed=" + seed + '}';
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int galleryImagesPerPerson = 1;
        private double unknownPersonFraction = 0.2;
        private double openSetFar = 0.01;
        private long seed = 42L;

        private Builder() {
        }

        /** At least 1. */
        public Builder galleryImagesPerPerson(int count) {
            this.galleryImagesPerPerson = count;
            return this;
        }

        /** In [0, 1). */
        public Builder unknownPersonFraction(double fraction) {
            this.unknownPersonFraction = fraction;
            return this;
        }

        /** In (0, 1). */
        public Builder openSetFar(double far) {
            this.openSetFar = far;
            return this;
        }

        /** Split seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the setting and the bad value
         */
        public IdentificationConfig build() {
            if (galleryImagesPerPerson < 1) {
                throw new IllegalArgumentException(SECTION + ".gallery-images-per-person must be >= 1, got "
                        + galleryImagesPerPerson);
            }
            if (!(unknownPersonFraction >= 0.0 && unknownPersonFraction < 1.0)) {
                throw new IllegalArgumentException(SECTION + ".unknown-person-fraction must be in [0, 1), got "
                        + unknownPersonFraction);
            }
            if (!(openSetFar > 0.0 && openSetFar < 1.0)) {
                throw new IllegalArgumentException(SECTION + ".open-set-far must be in (0, 1), got " + openSetFar);
            }
            return new IdentificationConfig(this);
        }
    }
}
