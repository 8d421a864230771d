package io.facetrain.core.eval;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Settings of the verification protocol: number of folds, the seed that assigns folds when the pair list
 * does not, the false accept rates at which TAR is reported, how τ is calibrated, and the histogram bins.
 * Immutable; every value is validated once, in {@link Builder#build()}.
 *
 * <p>HOCON section {@code facetrain.evaluation.verification} (see conf/facetrain.conf):
 * <pre>
 * folds = 10
 * seed = 42
 * far-targets = [0.01, 0.001]
 * calibration = "accuracy"        # or "far"
 * calibration-far = 0.001          # used when calibration = "far"
 * histogram-bins = 40
 * histogram-range = []             # [] = [min, max] of the data, or [low, high], e.g. [0, 4]
 * </pre>
 */
public final class VerificationConfig {

    /** Path of this component's section in the facetrain configuration. */
    public static final String SECTION = "facetrain.evaluation.verification";

    private final int folds;
    private final long seed;
    private final List<Double> farTargets;
    private final OptionalDouble calibrationFar;
    private final int histogramBins;
    private final double[] histogramRange;

    private VerificationConfig(Builder b) {
        this.folds = b.folds;
        this.seed = b.seed;
        this.farTargets = List.copyOf(b.farTargets);
        this.calibrationFar = b.calibrationFar;
        this.histogramBins = b.histogramBins;
        this.histogramRange = b.histogramRange == null ? null : b.histogramRange.clone();
    }

    /** The LFW defaults: 10 folds, seed 42, TAR at FAR 1e-2 and 1e-3, τ by best accuracy, 40 bins. */
    public static VerificationConfig defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@value #SECTION} from a resolved facetrain configuration (as returned by
     * {@code io.facetrain.core.config.ConfigLoader}).
     *
     * @throws IllegalArgumentException naming the key when a value is missing, of the wrong type or invalid
     */
    public static VerificationConfig fromConfig(Config config) {
        Objects.requireNonNull(config, "config");
        Builder b = builder();
        String key = "";
        try {
            key = SECTION + ".folds";
            b.folds(config.getInt(key));
            key = SECTION + ".seed";
            b.seed(config.getLong(key));
            key = SECTION + ".far-targets";
            b.farTargets(config.getDoubleList(key));
            key = SECTION + ".calibration";
            String calibration = config.getString(key);
            if (calibration.equals("far")) {
                key = SECTION + ".calibration-far";
                b.calibrateAtFar(config.getDouble(key));
            } else if (!calibration.equals("accuracy")) {
                throw new IllegalArgumentException(
                        key + " must be \"accuracy\" or \"far\", got \"" + calibration + "\"");
            }
            key = SECTION + ".histogram-bins";
            b.histogramBins(config.getInt(key));
            key = SECTION + ".histogram-range";
            List<Double> range = config.getDoubleList(key);
            if (range.size() == 2) {
                b.histogramRange(range.get(0), range.get(1));
            } else if (!range.isEmpty()) {
                throw new IllegalArgumentException(
                        key + " must be [] (data range) or [low, high], got " + range);
            }
        } catch (ConfigException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
        return b.build();
    }

    /** Number of folds of the accuracy protocol (LFW: 10). */
    public int folds() {
        return folds;
    }

    /** Seed of the stratified fold assignment used when the pair list carries no folds. */
    public long seed() {
        return seed;
    }

    /** False accept rates at which TAR and τ are reported, in the order given. */
    public List<Double> farTargets() {
        return farTargets;
    }

    /**
     * The false accept rate τ is calibrated at; empty when τ is the best-accuracy threshold over all
     * pairs instead.
     */
    public OptionalDouble calibrationFar() {
        return calibrationFar;
    }

    /** Number of histogram bins. */
    public int histogramBins() {
        return histogramBins;
    }

    /** True when the histogram covers a fixed range rather than [min, max] of the data. */
    public boolean hasFixedHistogramRange() {
        return histogramRange != null;
    }

    /** Lower edge of the fixed histogram range; only meaningful when {@link #hasFixedHistogramRange()}. */
    public double histogramLow() {
        return histogramRange == null ? Double.NaN : histogramRange[0];
    }

    /** Upper edge of the fixed histogram range; only meaningful when {@link #hasFixedHistogramRange()}. */
    public double histogramHigh() {
        return histogramRange == null ? Double.NaN : histogramRange[1];
    }

    @Override
    public String toString() {
        return "VerificationConfig{folds=" + folds + ", seed=" + seed + ", farTargets=" + farTargets
                + ", calibrationFar=" + calibrationFar + ", histogramBins=" + histogramBins
                + ", histogramRange=" + (histogramRange == null ? "data" : histogramRange[0] + ".." + histogramRange[1])
                + '}';
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int folds = 10;
        private long seed = 42L;
        private List<Double> farTargets = List.of(1e-2, 1e-3);
        private OptionalDouble calibrationFar = OptionalDouble.empty();
        private int histogramBins = 40;
        private double[] histogramRange;

        private Builder() {
        }

        /** Number of folds, at least 2. */
        public Builder folds(int folds) {
            this.folds = folds;
            return this;
        }

        /** Seed for the stratified fold assignment. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** False accept rates for TAR@FAR, each in (0, 1). */
        public Builder farTargets(List<Double> farTargets) {
            this.farTargets = new ArrayList<>(Objects.requireNonNull(farTargets, "farTargets"));
            return this;
        }

        /** Calibrate τ at this false accept rate (in (0, 1)); it is also reported among the TAR@FAR points. */
        public Builder calibrateAtFar(double far) {
            this.calibrationFar = OptionalDouble.of(far);
            return this;
        }

        /** Calibrate τ as the best-accuracy threshold over all pairs (the default). */
        public Builder calibrateByAccuracy() {
            this.calibrationFar = OptionalDouble.empty();
            return this;
        }

        /** Number of histogram bins, at least 1. */
        public Builder histogramBins(int bins) {
            this.histogramBins = bins;
            return this;
        }

        /** Fixed histogram range, e.g. [0, 4] for squared distances of unit vectors. */
        public Builder histogramRange(double low, double high) {
            this.histogramRange = new double[] {low, high};
            return this;
        }

        /** Histogram over [min, max] of the distances (the default). */
        public Builder histogramRangeFromData() {
            this.histogramRange = null;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the setting and the bad value
         */
        public VerificationConfig build() {
            if (folds < 2) {
                throw new IllegalArgumentException(SECTION + ".folds must be >= 2, got " + folds);
            }
            for (Double far : farTargets) {
                checkRate(SECTION + ".far-targets", far);
            }
            if (calibrationFar.isPresent()) {
                checkRate(SECTION + ".calibration-far", calibrationFar.getAsDouble());
            }
            if (histogramBins < 1) {
                throw new IllegalArgumentException(
                        SECTION + ".histogram-bins must be >= 1, got " + histogramBins);
            }
            if (histogramRange != null && !(Double.isFinite(histogramRange[0]) && Double.isFinite(histogramRange[1])
                    && histogramRange[0] < histogramRange[1])) {
                throw new IllegalArgumentException(SECTION + ".histogram-range must be finite with low < high, got ["
                        + histogramRange[0] + ", " + histogramRange[1] + "]");
            }
            return new VerificationConfig(this);
        }

        private static void checkRate(String key, Double far) {
            if (far == null || !(far > 0.0 && far < 1.0)) {
                throw new IllegalArgumentException(key + " values must be in (0, 1), got " + far);
            }
        }
    }
}
