package io.facetrain.core.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.facetrain.core.eval.IdentificationConfig;
import io.facetrain.core.eval.VerificationConfig;
import io.facetrain.core.preprocess.PreprocessConfig;

import java.util.Objects;

/**
 * Everything a single-machine training run needs, read from {@code facetrain.train} (and the metric
 * settings from {@code facetrain.evaluation}) and validated as a whole before any data is read.
 */
public final class TrainingConfig {

    /** HOCON path of the training section. */
    public static final String SECTION = "facetrain.train";

    private final long seed;
    private final DataConfig data;
    private final PreprocessConfig preprocess;
    private final EncoderConfig encoder;
    private final MiningConfig mining;
    private final OptimizerConfig optimizer;
    private final RunConfig run;
    private final ValidationConfig validation;
    private final VerificationConfig verification;
    private final IdentificationConfig identification;
    private final String rendered;

    private TrainingConfig(long seed, DataConfig data, PreprocessConfig preprocess, EncoderConfig encoder,
                           MiningConfig mining, OptimizerConfig optimizer, RunConfig run, ValidationConfig validation,
                           VerificationConfig verification, IdentificationConfig identification, String rendered) {
        this.seed = seed;
        this.data = Objects.requireNonNull(data);
        this.preprocess = Objects.requireNonNull(preprocess);
        this.encoder = Objects.requireNonNull(encoder);
        this.mining = Objects.requireNonNull(mining);
        this.optimizer = Objects.requireNonNull(optimizer);
        this.run = Objects.requireNonNull(run);
        this.validation = Objects.requireNonNull(validation);
        this.verification = Objects.requireNonNull(verification);
        this.identification = Objects.requireNonNull(identification);
        this.rendered = rendered;
        // The encoder must accept the preprocessed input: build its spec once to validate the pair.
        encoder.spec(io.facetrain.core.nn.InputShape.image(preprocess.inputSize(), preprocess.inputSize(),
                preprocess.channels()), seed);
    }

    /**
     * Reads and validates a resolved facetrain configuration.
     *
     * @throws IllegalArgumentException naming the first bad key and value
     */
    public static TrainingConfig fromConfig(Config root) {
        SectionReader s = new SectionReader(root, SECTION);
        PreprocessConfig preprocess;
        try {
            preprocess = PreprocessConfig.fromConfig(root.getConfig(SECTION + ".preprocess"));
        } catch (com.typesafe.config.ConfigException e) {
            throw new IllegalArgumentException("bad configuration section " + SECTION + ".preprocess: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("train." + e.getMessage(), e);
        }
        String rendered = root.getConfig(SECTION).root().render(ConfigRenderOptions.concise().setFormatted(true));
        return new TrainingConfig(s.getLong("seed"), DataConfig.read(s.section("data")), preprocess,
                EncoderConfig.read(s.section("encoder")), MiningConfig.read(s.section("mining")),
                OptimizerConfig.read(s.section("optimizer")), RunConfig.read(s.section("schedule")),
                ValidationConfig.read(s.section("validation")), VerificationConfig.fromConfig(root),
                IdentificationConfig.fromConfig(root), rendered);
    }

    /** Seed of the split, initialisation, sampling, augmentation and pair choice. */
    public long seed() {
        return seed;
    }

    public DataConfig data() {
        return data;
    }

    public PreprocessConfig preprocess() {
        return preprocess;
    }

    public EncoderConfig encoder() {
        return encoder;
    }

    public MiningConfig mining() {
        return mining;
    }

    public OptimizerConfig optimizer() {
        return optimizer;
    }

    public RunConfig run() {
        return run;
    }

    public ValidationConfig validation() {
        return validation;
    }

    public VerificationConfig verification() {
        return verification;
    }

    public IdentificationConfig identification() {
        return identification;
    }

    /** The {@code facetrain.train} section as JSON, for the run's output directory. */
    public String renderedJson() {
        return rendered;
    }
}
