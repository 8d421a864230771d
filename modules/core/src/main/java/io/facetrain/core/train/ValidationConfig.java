package io.facetrain.core.train;

/**
 * Held-out validation during and after training ({@code facetrain.train.validation}). The metrics
 * themselves (folds, FAR targets, identification split) are configured in {@code facetrain.evaluation}.
 *
 * @param fraction          fraction of persons held out (never trained on), in [0, 1)
 * @param everyRounds       evaluate the validation pairs every this many rounds (0: only at the end)
 * @param samePairs         same-person validation pairs (capped at what the validation persons allow)
 * @param differentPairs    different-person validation pairs
 * @param flipAverage       embed each image and its mirror image and average (test-time augmentation)
 * @param baselines         also report raw-pixel distance and the untrained encoder on the same pairs
 * @param identification   also run the identification protocol on the validation persons at the end
 * @param trainingPersonsCheck also evaluate pairs of training persons at the end, to show overfitting
 */
public record ValidationConfig(double fraction, int everyRounds, int samePairs, int differentPairs,
                               boolean flipAverage, boolean baselines, boolean identification,
                               boolean trainingPersonsCheck) {

    public ValidationConfig {
        if (!(fraction >= 0) || fraction >= 1) {
            throw new IllegalArgumentException("train.validation.fraction must be in [0, 1), got " + fraction);
        }
        if (everyRounds < 0) {
            throw new IllegalArgumentException("train.validation.every-rounds must be >= 0, got " + everyRounds);
        }
        if (samePairs < 10 || differentPairs < 10) {
            throw new IllegalArgumentException("train.validation.same-pairs and different-pairs must be >= 10, got "
                    + samePairs + ", " + differentPairs);
        }
    }

    static ValidationConfig read(SectionReader s) {
        return new ValidationConfig(s.getDouble("fraction"), s.getInt("every-rounds"), s.getInt("same-pairs"),
                s.getInt("different-pairs"), s.getBoolean("flip-average"), s.getBoolean("baselines"),
                s.getBoolean("identification"), s.getBoolean("training-persons-check"));
    }

    /** Whether any validation happens. */
    public boolean enabled() {
        return fraction > 0;
    }
}
