package io.facetrain.spark.publish;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.eval.IdentificationConfig;
import io.facetrain.core.eval.VerificationConfig;
import io.facetrain.core.eval.VerificationResult;
import io.facetrain.core.nn.Architecture;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.EncoderSpec;
import io.facetrain.core.nn.InputShape;
import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.core.train.ModelEvaluation;
import io.facetrain.core.train.TrainedModel;
import io.facetrain.core.train.ValidationSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real encoder scored on the run's pairs, directly or on the same images decoded its own way. */
@Timeout(120)
class ValidationScorerTest {

    private static final ModelEvaluation EVALUATION =
            new ModelEvaluation(VerificationConfig.defaults(), IdentificationConfig.defaults());

    private static FaceImageSet images(PreprocessConfig c, boolean reversed) {
        List<String> persons = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<byte[]> pixels = new ArrayList<>();
        int side = c.inputSize();
        for (int i = 0; i < 12; i++) {
            int k = reversed ? 11 - i : i;
            persons.add("p" + k / 3);
            ids.add("id" + k);
            paths.add("p" + k / 3 + "/p" + k / 3 + "_000" + (k % 3 + 1) + ".png");
            byte[] px = new byte[side * side * c.channels()];
            // The person sets the mean brightness; the image adds seeded noise.
            Random r = new Random(k);
            for (int j = 0; j < px.length; j++) {
                px[j] = (byte) (40 * (k / 3) + r.nextInt(60));
            }
            pixels.add(px);
        }
        return FaceImageSet.of(c, persons, ids, paths, pixels);
    }

    private static TrainedModel model(PreprocessConfig pre) {
        EncoderSpec spec = EncoderSpec.builder().architecture(Architecture.COMPACT)
                .inputShape(InputShape.image(pre.inputSize(), pre.inputSize(), pre.channels()))
                .width(2).embeddingDim(8).seed(5).build();
        return new TrainedModel(Encoder.create(spec, new NoOp()), pre,
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
    }

    @Test
    void scoresOnTheRunsImagesOrOnTheSameImagesDecodedForTheModel() {
        PreprocessConfig runs = PreprocessConfig.builder().channels(1).inputSize(8).jitterFraction(0).build();
        PreprocessConfig other = PreprocessConfig.builder().channels(1).inputSize(12).jitterFraction(0).build();
        ValidationSet validation = ValidationSet.sample(images(runs, false), 100, 100, 3);
        List<PreprocessConfig> loads = new ArrayList<>();
        ValidationScorer scorer = new ValidationScorer(validation, EVALUATION, true, pre -> {
            loads.add(pre);
            return images(pre, true);
        });

        TrainedModel same = model(runs);
        VerificationResult direct = EVALUATION.verify(validation, same.encoder(), true);
        assertEquals(direct.accuracyMean(), scorer.score(same).accuracyMean(), 0.0);
        assertEquals(direct.auc(), scorer.score(same).auc(), 0.0);
        assertEquals(List.of(), loads, "the run's own images serve a model with the run's preprocessing");

        TrainedModel champion = model(other);
        VerificationResult reloaded = EVALUATION.verify(validation.onImages(images(other, true)),
                champion.encoder(), true);
        VerificationResult scored = scorer.score(champion);
        assertEquals(1, loads.size());
        assertEquals(other.toJson(), loads.get(0).toJson());
        assertEquals(reloaded.accuracyMean(), scored.accuracyMean(), 0.0);
        assertEquals(reloaded.auc(), scored.auc(), 0.0);
        assertEquals(validation.pairs().size(), scored.pairCount());
    }
}
