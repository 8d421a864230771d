package io.facetrain.core.train;

/**
 * Training produced a non-finite loss or gradient. Thrown before the update is applied, so the parameters
 * stay those of the last good step; a trainer that sees it stops without writing a model.
 */
public final class TrainingDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
