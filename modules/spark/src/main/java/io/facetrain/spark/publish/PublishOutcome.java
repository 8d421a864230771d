package io.facetrain.spark.publish;

import io.facetrain.registry.PublishedVersion;

/**
 * What publishing a run did.
 *
 * @param published          the new version
 * @param candidateAccuracy  its verification accuracy (mean over folds) on the run's validation pairs
 * @param previousChampion   the champion before, or null when the model had none
 * @param championAccuracy   the previous champion's accuracy on the same pairs, NaN when there was none
 * @param championMoved      true when the new version became the champion
 */
public record PublishOutcome(PublishedVersion published, double candidateAccuracy, Integer previousChampion,
                             double championAccuracy, boolean championMoved) {

    /** One line for the console and the log. */
    public String summary() {
        String head = "published " + published.model() + " " + published.versionName() + " (latest) at "
                + published.location();
        if (previousChampion == null) {
            return head + "; champion: the model's first version";
        }
        String comparison = String.format(java.util.Locale.ROOT, "%.4f vs %.4f for v%04d on the same validation pairs",
                candidateAccuracy, championAccuracy, previousChampion);
        return head + (championMoved ? "; new champion: " : "; champion unchanged: ") + comparison;
    }
}
