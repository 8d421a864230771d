package io.facetrain.spark.publish;

import io.facetrain.core.train.ModelDirectory;
import io.facetrain.core.train.TrainedModel;
import io.facetrain.registry.AliasRecord;
import io.facetrain.registry.LoadedVersion;
import io.facetrain.registry.ModelRegistry;
import io.facetrain.registry.PublishRequest;
import io.facetrain.registry.PublishedVersion;
import io.facetrain.registry.VersionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The end of a training run: publish the model as a new version (the registry points {@code latest} at the
 * newest version), and point {@code champion} at it only when it verifies better than the current champion
 * on the run's own validation pairs (both scored by the same {@link ChampionScorer}; a tie keeps the champion). A model's
 * first version becomes its champion. A failed publish leaves no version behind (the registry's own
 * guarantee) and moves no alias.
 */
public final class ModelPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ModelPublisher.class);

    private final ModelRegistry registry;
    private final String model;
    private final ChampionScorer scorer;

    public ModelPublisher(ModelRegistry registry, String model, ChampionScorer scorer) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.model = Objects.requireNonNull(model, "model");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
    }

    /**
     * @param request   the new version (see {@link PublishRequests})
     * @param candidate the model being published, as read back from its directory
     * @param runId     names the run in the aliases' history
     */
    public PublishOutcome publish(PublishRequest request, TrainedModel candidate, String runId) throws IOException {
        // The registry moves latest itself, to the newest committed version: a concurrent run's newer
        // version keeps it.
        PublishedVersion published = registry.publish(model, request);
        AliasRecord champion = registry.aliases(model).get(ModelRegistry.CHAMPION);
        if (champion == null) {
            registry.promote(model, VersionRef.of(published.version()), "run " + runId + ": first version of the model");
            PublishOutcome outcome = new PublishOutcome(published, scorer.score(candidate).accuracyMean(), null,
                    Double.NaN, true);
            LOG.info(outcome.summary());
            return outcome;
        }
        double candidateAccuracy = scorer.score(candidate).accuracyMean();
        double championAccuracy = scoreVersion(champion.version());
        boolean better = candidateAccuracy > championAccuracy;
        if (better) {
            registry.promote(model, VersionRef.of(published.version()), String.format(java.util.Locale.ROOT,
                    "run %s: verification accuracy %.4f beats %.4f of %s on the run's validation pairs",
                    runId, candidateAccuracy, championAccuracy, champion.versionName()));
        }
        PublishOutcome outcome = new PublishOutcome(published, candidateAccuracy, champion.version(), championAccuracy,
                better);
        LOG.info(outcome.summary());
        return outcome;
    }

    private double scoreVersion(int version) throws IOException {
        Path scratch = Files.createTempDirectory("facetrain-champion-");
        try {
            LoadedVersion loaded = registry.load(model, VersionRef.of(version), scratch.resolve("model"));
            TrainedModel champion = ModelDirectory.read(loaded.directory());
            return scorer.score(champion).accuracyMean();
        } finally {
            LocalDirectories.deleteRecursively(scratch);
        }
    }
}
