package io.facetrain.core.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.data.FaceImageSetLoader;
import io.facetrain.core.data.FaceShards;
import io.facetrain.core.eval.EvaluationReports;
import io.facetrain.core.eval.IdentificationResult;
import io.facetrain.core.eval.LfwPairsParser;
import io.facetrain.core.eval.VerificationResult;
import io.facetrain.core.nn.Encoder;
import io.facetrain.schema.FacePair;
import org.nd4j.linalg.learning.config.NoOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code facetrain evaluate}: scores a trained model on an ingested dataset, next to the raw-pixel
 * baseline and the untrained encoder (the same architecture, initialised with the model's seed, i.e. the
 * model before training), on the same pairs. The pairs come from a pair list (LFW format, folds kept) or
 * are sampled over all persons of the dataset; identification runs on all its images.
 */
public final class EvaluationRun {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationRun.class);

    private final TrainingConfig config;

    /** Uses the data loading, pair counts, flip averaging and metric settings of {@code config}. */
    public EvaluationRun(TrainingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * @param modelDir a model directory written by {@code facetrain train}
     * @param dataset  an ingested dataset directory
     * @param pairs    an LFW-format pair list, or empty to sample pairs
     * @param report   where to write the JSON report
     */
    public EvaluationReports run(Path modelDir, Path dataset, Optional<Path> pairs, Path report) {
        TrainedModel model = ModelDirectory.read(modelDir);
        FaceImageSet images = new FaceImageSetLoader(model.preprocess(), config.data().effectiveThreads(),
                config.data().cacheMaxBytes()).load(FaceShards.open(dataset));
        ValidationSet set;
        if (pairs.isPresent()) {
            List<FacePair> list;
            try {
                list = LfwPairsParser.read(pairs.get()).pairs();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read pair list " + pairs.get() + ": " + e.getMessage(), e);
            }
            set = ValidationSet.fromPairList(images, list);
        } else {
            set = ValidationSet.sample(images, config.validation().samePairs(), config.validation().differentPairs(),
                    config.seed());
            LOG.info("sampled {} pairs over all {} persons of {}", set.pairs().size(), images.distinctPersons(), dataset);
        }
        EvaluationReports result = evaluate(model, set, TrainingRun.datasetName(dataset), modelDir);
        try {
            result.writeJson(report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + report + ": " + e.getMessage(), e);
        }
        return result;
    }

    /** Scores a model and the baselines on a prepared set. */
    public EvaluationReports evaluate(TrainedModel model, ValidationSet set, String datasetName, Path modelDir) {
        ModelEvaluation evaluation = new ModelEvaluation(config.verification(), config.identification());
        boolean flip = config.validation().flipAverage();
        float[][] e = SetEmbedder.embed(model.encoder(), set.images(), flip);
        VerificationResult trained = evaluation.verify(set, e);
        Optional<IdentificationResult> identified = evaluation.identify(set, e);
        Encoder untrained = Encoder.create(model.encoder().spec(), new NoOp());
        float[][] u = SetEmbedder.embed(untrained, set.images(), flip);
        VerificationResult untrainedResult = evaluation.verify(set, u);
        Optional<IdentificationResult> untrainedIdentified = evaluation.identify(set, u);
        VerificationResult pixels = evaluation.verifyRawPixels(set);
        Path name = modelDir.toAbsolutePath().normalize().getFileName();
        return EvaluationReports.builder(datasetName)
                .model(name == null ? modelDir.toString() : name.toString(), null)
                .add(EvaluationReports.MODEL, trained, identified.orElse(null))
                .add(EvaluationReports.RAW_PIXELS, pixels, null)
                .add(EvaluationReports.UNTRAINED_ENCODER, untrainedResult, untrainedIdentified.orElse(null))
                .build();
    }
}
