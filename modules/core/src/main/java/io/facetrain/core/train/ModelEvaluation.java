package io.facetrain.core.train;

import io.facetrain.core.eval.IdentificationConfig;
import io.facetrain.core.eval.IdentificationEvaluator;
import io.facetrain.core.eval.IdentificationResult;
import io.facetrain.core.eval.VerificationConfig;
import io.facetrain.core.eval.VerificationEvaluator;
import io.facetrain.core.eval.VerificationResult;
import io.facetrain.core.nn.Encoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;

/**
 * Scores encoders and baselines on a {@link ValidationSet} with the metrics of
 * {@code io.facetrain.core.eval}: verification on the set's pairs (the pair list's folds when it has
 * them) and identification on its images.
 */
public final class ModelEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(ModelEvaluation.class);

    private final VerificationEvaluator verification;
    private final IdentificationEvaluator identification;

    public ModelEvaluation(VerificationConfig verification, IdentificationConfig identification) {
        this.verification = new VerificationEvaluator(Objects.requireNonNull(verification, "verification"));
        this.identification = new IdentificationEvaluator(Objects.requireNonNull(identification, "identification"));
    }

    /** Verification from one vector per image of the set (embeddings or raw pixels). */
    public VerificationResult verify(ValidationSet set, float[][] vectors) {
        double[] distances = set.distances(vectors);
        return set.pairList().isPresent() ? verification.evaluate(distances, set.pairList().get())
                : verification.evaluate(distances, set.same());
    }

    /** Verification of an encoder (embeddings with or without flip averaging). */
    public VerificationResult verify(ValidationSet set, Encoder encoder, boolean flipAverage) {
        return verify(set, SetEmbedder.embed(encoder, set.images(), flipAverage));
    }

    /** Verification of the raw-pixel baseline. */
    public VerificationResult verifyRawPixels(ValidationSet set) {
        return verify(set, SetEmbedder.rawPixels(set.images()));
    }

    /**
     * Identification on the set's images, or empty (with a warning in the log) when its persons cannot make
     * a gallery/probe split (too few persons or images for the protocol's settings).
     */
    public Optional<IdentificationResult> identify(ValidationSet set, float[][] vectors) {
        try {
            return Optional.of(identification.evaluate(vectors, set.images().labels()));
        } catch (IllegalArgumentException e) {
            LOG.warn("identification skipped: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
