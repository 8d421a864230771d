package io.facetrain.spark.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetrain.core.eval.VerificationConfig;
import io.facetrain.core.eval.VerificationEvaluator;
import io.facetrain.core.eval.VerificationResult;
import io.facetrain.core.nn.Architecture;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.EncoderSpec;
import io.facetrain.core.nn.InputShape;
import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.core.train.ModelDirectory;
import io.facetrain.core.train.TrainedModel;
import io.facetrain.registry.AliasRecord;
import io.facetrain.registry.ModelRegistry;
import io.facetrain.registry.PublishedVersion;
import io.facetrain.schema.ModelManifest;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.NoOp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishing on a real registry (local filesystem): versions, {@code latest}, and {@code champion} moved
 * only for a better score on the same pairs. The scorer is the seam under test's control: it scores a
 * model by the seed recorded in its own model.json, so the champion's score proves that the champion
 * was read back from the registry.
 */
@Timeout(120)
class ModelPublisherTest {

    private static final String MODEL = "faces";
    private static final PreprocessConfig PRE = PreprocessConfig.builder().channels(1).inputSize(12).jitterFraction(0).build();

    @TempDir
    Path dir;

    private ModelRegistry registry;

    @BeforeEach
    void openRegistry() throws IOException {
        registry = ModelRegistry.open(dir.resolve("registry").toUri(), new Configuration());
    }

    @AfterEach
    void closeRegistry() throws IOException {
        registry.close();
    }

    /** Distances of 20 same and 20 different pairs; a larger {@code overlap} mixes them more (lower accuracy). */
    private static VerificationResult result(int overlap) {
        double[] d = new double[40];
        boolean[] same = new boolean[40];
        for (int i = 0; i < 20; i++) {
            d[i] = 0.05 * i;
            same[i] = true;
            d[20 + i] = 0.05 * i + 1.0 - 0.1 * overlap;
        }
        return new VerificationEvaluator(VerificationConfig.defaults()).evaluate(d, same);
    }

    /** seed 1: clean separation; seed 2: worse; seed 3: as good as seed 1; seed 4: clean as well. */
    private static final Map<Long, VerificationResult> BY_SEED = Map.of(
            1L, result(2), 2L, result(6), 3L, result(2), 4L, result(0));

    private final ChampionScorer scorer = model -> BY_SEED.get(model.encoder().spec().seed());

    private TrainedModel writeModel(String name, long seed) throws IOException {
        Path modelDir = dir.resolve(name);
        EncoderSpec spec = EncoderSpec.builder().architecture(Architecture.COMPACT)
                .inputShape(InputShape.image(12, 12, 1)).width(2).embeddingDim(8).seed(seed).build();
        ModelDirectory.write(modelDir, Encoder.create(spec, new NoOp()), PRE,
                new ObjectMapper().createObjectNode().put("dataset", "unit-test"));
        Files.writeString(modelDir.resolve(ModelDirectory.TRAINING_CONFIG), "{\"seed\": " + seed + "}\n");
        return ModelDirectory.read(modelDir);
    }

    private PublishOutcome publish(String name, long seed) throws IOException {
        TrainedModel model = writeModel(name, seed);
        return new ModelPublisher(registry, MODEL, scorer).publish(
                PublishRequests.of(dir.resolve(name), model, scorer.score(model), "sha256:test", null), model, name);
    }

    private int alias(String alias) throws IOException {
        return registry.aliases(MODEL).get(alias).version();
    }

    @Test
    void firstVersionIsLatestAndChampion() throws IOException {
        PublishOutcome first = publish("run-a", 1);

        assertEquals(1, first.published().version());
        assertTrue(first.championMoved());
        assertNull(first.previousChampion());
        assertEquals(1, alias(ModelRegistry.LATEST));
        assertEquals(1, alias(ModelRegistry.CHAMPION));
        assertTrue(first.summary().contains("first version"), first.summary());
    }

    @Test
    void championMovesOnlyForAStrictlyBetterScoreOnTheSamePairs() throws IOException {
        publish("run-a", 1);

        PublishOutcome worse = publish("run-b", 2);
        assertEquals(2, alias(ModelRegistry.LATEST));
        assertEquals(1, alias(ModelRegistry.CHAMPION));
        assertFalse(worse.championMoved());
        assertEquals(1, worse.previousChampion());
        assertEquals(BY_SEED.get(1L).accuracyMean(), worse.championAccuracy(), 0.0, "champion scored from the registry");
        assertTrue(worse.candidateAccuracy() < worse.championAccuracy());

        PublishOutcome tie = publish("run-c", 3);
        assertEquals(3, alias(ModelRegistry.LATEST));
        assertEquals(1, alias(ModelRegistry.CHAMPION), "a tie keeps the champion");
        assertFalse(tie.championMoved());

        PublishOutcome better = publish("run-d", 4);
        assertEquals(4, alias(ModelRegistry.LATEST));
        assertEquals(4, alias(ModelRegistry.CHAMPION));
        assertTrue(better.championMoved());
        List<AliasRecord> history = registry.aliasHistory(MODEL, ModelRegistry.CHAMPION);
        assertEquals(List.of(1, 4), history.stream().map(AliasRecord::version).toList());
        assertTrue(history.get(1).reason().contains("beats"), history.get(1).reason());
        assertTrue(better.summary().contains("new champion"), better.summary());
    }

    @Test
    void manifestCarriesThresholdMetricsInputAndProvenance() throws IOException {
        PublishOutcome outcome = publish("run-a", 1);
        PublishedVersion v = outcome.published();
        ModelManifest m = v.manifest();
        VerificationResult r = BY_SEED.get(1L);

        assertEquals(r.threshold(), m.getThreshold(), 0.0);
        assertEquals(PublishRequests.farAt(r, r.threshold()), m.getThresholdFalseAcceptRate(), 0.0);
        assertEquals(r.accuracyMean(), m.getMetrics().get("verification-accuracy"), 0.0);
        assertEquals(r.auc(), m.getMetrics().get("auc"), 0.0);
        assertTrue(m.getMetrics().containsKey("tar-at-far-0.01"), m.getMetrics().toString());
        assertEquals(12, m.getInput().getHeight());
        assertEquals(1, m.getInput().getChannels());
        assertEquals(8, m.getEmbeddingDimension());
        assertEquals("sha256:test", m.getDatasetFingerprint());
        assertTrue(m.getCodeVersion().startsWith("facetrain "), m.getCodeVersion());
        assertTrue(m.getConfiguration().contains("\"seed\":1"), m.getConfiguration());
        for (String file : List.of(ModelDirectory.MODEL, ModelDirectory.DESCRIPTOR, ModelDirectory.TRAINING_CONFIG)) {
            assertTrue(m.getFiles().stream().anyMatch(f -> f.getPath().endsWith(file)), file + " in " + m.getFiles());
        }
    }
}
