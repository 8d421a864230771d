package io.facetrain.core.eval;

import java.util.Objects;
import java.util.Optional;

/**
 * The results of one method (the model, a baseline) in an {@link EvaluationReports}.
 */
public final class MethodResult {

    private final String method;
    private final VerificationResult verification;
    private final IdentificationResult identification;

    /**
     * @param method         short name, e.g. {@code "model"}, {@code "raw-pixels"}, {@code "untrained-encoder"}
     * @param verification   verification results
     * @param identification identification results, or null when not measured
     */
    public MethodResult(String method, VerificationResult verification, IdentificationResult identification) {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method name must be a non-blank string");
        }
        this.method = method;
        this.verification = Objects.requireNonNull(verification, "verification");
        this.identification = identification;
    }

    /** The method's name. */
    public String method() {
        return method;
    }

    /** Verification results. */
    public VerificationResult verification() {
        return verification;
    }

    /** Identification results, if measured. */
    public Optional<IdentificationResult> identification() {
        return Optional.ofNullable(identification);
    }
}
