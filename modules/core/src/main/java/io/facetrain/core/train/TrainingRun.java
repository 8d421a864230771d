package io.facetrain.core.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.data.FaceImageSetLoader;
import io.facetrain.core.data.FaceShards;
import io.facetrain.core.data.IdentitySplit;
import io.facetrain.core.eval.EvaluationReports;
import io.facetrain.core.eval.IdentificationResult;
import io.facetrain.core.eval.VerificationResult;
import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.EncoderFlops;
import io.facetrain.core.nn.EncoderSpec;
import io.facetrain.core.nn.InputShape;
import io.facetrain.core.preprocess.PreprocessConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete single-machine run, as {@code facetrain train} performs it: load and cache the dataset,
 * split it by person, score the baselines, train with the local update step, evaluate, and write the
 * model directory (model, descriptor, training configuration, history and evaluation report). A
 * distributed trainer reuses everything but the training itself through
 * {@link #run(TrainingImages, FaceImageSet, String, Path, TrainingBackend)}.
 */
public final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private final TrainingConfig config;
    private final TrainingListener listener;

    public TrainingRun(TrainingConfig config, TrainingListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * @param dataset an ingested dataset directory
     * @param out     where to write the model; created if absent, must not already hold a model
     */
    public Result run(Path dataset, Path out) {
        checkOutput(out);
        PreprocessConfig pre = config.preprocess();
        FaceImageSet all = new FaceImageSetLoader(pre, config.data().effectiveThreads(), config.data().cacheMaxBytes())
                .load(FaceShards.open(dataset));
        return run(all, datasetName(dataset), out);
    }

    /** Same, from images already cached (tests, benchmarks). */
    public Result run(FaceImageSet all, String datasetName, Path out) {
        checkOutput(out);
        IdentitySplit split = IdentitySplit.byPerson(all.labels(), config.validation().fraction(), config.seed());
        FaceImageSet train = all.subset(split.train());
        FaceImageSet heldOut = all.subset(split.validation());
        TrainingBackend local = (encoder, validator) -> {
            try (LocalUpdateStep update = new LocalUpdateStep(encoder.parameterLayout())) {
                return new Trainer(config, listener).train(encoder, update, train, validator);
            }
        };
        return run(TrainingImages.of(train), heldOut, datasetName, out, local);
    }

    /**
     * A run whose persons are already split (by {@link IdentitySplit#byPerson} with this configuration's
     * validation fraction and seed) and whose training is done by {@code backend}: everything around the
     * training (baselines, validation pairs, final evaluation, the model directory) is the same for every
     * backend.
     *
     * @param train   what the backend trains on; the images themselves only when they are in this process
     * @param heldOut the validation persons' images
     * @param backend trains the encoder this run creates
     */
    public Result run(TrainingImages train, FaceImageSet heldOut, String datasetName, Path out, TrainingBackend backend) {
        checkOutput(out);
        long seed = config.seed();
        ValidationConfig vc = config.validation();
        LOG.info("split by person: {} training images of {} persons, {} validation images of {} persons",
                train.images(), train.persons(), heldOut.size(), heldOut.distinctPersons());
        ValidationSet validation = vc.enabled()
                ? ValidationSet.sample(heldOut, vc.samePairs(), vc.differentPairs(), seed) : null;

        PreprocessConfig pre = config.preprocess();
        EncoderSpec spec = config.encoder().spec(InputShape.image(pre.inputSize(), pre.inputSize(), pre.channels()), seed);
        Encoder encoder = Encoder.create(spec, config.optimizer().updater(config.run().totalSteps()));
        EncoderFlops flops = EncoderFlops.of(encoder.graph().getConfiguration(), spec.inputShape());
        LOG.info("encoder {}: {} parameters, {} MFLOP per image forward", spec, encoder.parameterCount(),
                String.format("%.1f", flops.forwardPerExample() / 1e6));

        ModelEvaluation evaluation = new ModelEvaluation(config.verification(), config.identification());
        VerificationResult pixels = null;
        VerificationResult untrained = null;
        Optional<IdentificationResult> untrainedIdentification = Optional.empty();
        if (validation != null && vc.baselines()) {
            pixels = evaluation.verifyRawPixels(validation);
            float[][] e = SetEmbedder.embed(encoder, validation.images(), vc.flipAverage());
            untrained = evaluation.verify(validation, e);
            if (vc.identification()) {
                untrainedIdentification = evaluation.identify(validation, e);
            }
            LOG.info("baselines on {} validation pairs: raw pixels {}, untrained encoder {}", validation.pairs().size(),
                    String.format("%.4f", pixels.accuracyMean()), String.format("%.4f", untrained.accuracyMean()));
        }

        Trainer.Validator validator = validation == null ? null
                : e -> evaluation.verify(validation, e, vc.flipAverage());
        TrainingHistory history = backend.train(encoder, validator);

        VerificationResult model = null;
        Optional<IdentificationResult> modelIdentification = Optional.empty();
        VerificationResult trainingPersons = null;
        if (validation != null) {
            float[][] e = SetEmbedder.embed(encoder, validation.images(), vc.flipAverage());
            model = evaluation.verify(validation, e);
            if (vc.identification()) {
                modelIdentification = evaluation.identify(validation, e);
            }
            listener.onValidation(new TrainingListener.CurvePoint(history.rounds().size(), history.steps(),
                    history.trainingSeconds(), history.wallSeconds(), history.imagesSeen(), model.accuracyMean(),
                    model.accuracyStd(), model.auc()));
            if (vc.trainingPersonsCheck() && train.local().isPresent()) {
                trainingPersons = trainingPersonsAccuracy(evaluation, train.local().get(), heldOut.distinctPersons(),
                        encoder);
            }
        }

        ObjectNode provenance = ModelDirectory.JSON.createObjectNode();
        provenance.put("dataset", datasetName);
        provenance.put("training-images", train.images());
        provenance.put("training-persons", train.persons());
        provenance.put("steps", history.steps());
        provenance.put("seed", seed);
        backend.describe(provenance);
        ModelDirectory.write(out, encoder, pre, provenance);
        ModelDirectory.writeText(out.resolve(ModelDirectory.TRAINING_CONFIG), config.renderedJson() + "\n");

        EvaluationReports report = null;
        if (model != null) {
            EvaluationReports.Builder b = EvaluationReports.builder(datasetName + " (validation persons)")
                    .add(EvaluationReports.MODEL, model, modelIdentification.orElse(null));
            if (pixels != null) {
                b.add(EvaluationReports.RAW_PIXELS, pixels, null);
                b.add(EvaluationReports.UNTRAINED_ENCODER, untrained, untrainedIdentification.orElse(null));
            }
            report = b.build();
            try {
                report.writeJson(out.resolve(ModelDirectory.REPORT));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out.resolve(ModelDirectory.REPORT) + ": " + e.getMessage(), e);
            }
        }
        ObjectNode trainingJson = historyJson(datasetName, train, heldOut, encoder, flops, history, model, pixels,
                untrained, trainingPersons);
        backend.describeTraining(trainingJson);
        ModelDirectory.writeJson(out.resolve(ModelDirectory.HISTORY), trainingJson);
        return new Result(encoder, history, Optional.ofNullable(report), Optional.ofNullable(validation),
                Optional.ofNullable(model), Optional.ofNullable(pixels), Optional.ofNullable(untrained),
                Optional.ofNullable(trainingPersons));
    }

    private VerificationResult trainingPersonsAccuracy(ModelEvaluation evaluation, FaceImageSet train, int persons,
                                                       Encoder encoder) {
        // As many training persons as there are validation persons, so the two figures are comparable.
        double fraction = Math.min(0.99, persons / (double) Math.max(1, train.distinctPersons()));
        FaceImageSet sample = train.subset(IdentitySplit.byPerson(train.labels(), fraction, config.seed() + 7).validation());
        try {
            ValidationSet set = ValidationSet.sample(sample, config.validation().samePairs(),
                    config.validation().differentPairs(), config.seed() + 7);
            return evaluation.verify(set, encoder, config.validation().flipAverage());
        } catch (IllegalArgumentException e) {
            LOG.warn("training-persons check skipped: {}", e.getMessage());
            return null;
        }
    }

    /**
     * Checks that a run may write its model to {@code out}.
     *
     * @throws IllegalArgumentException when {@code out} is a file or already holds a model
     */
    public static void checkOutput(Path out) {
        if (Files.exists(out.resolve(ModelDirectory.DESCRIPTOR)) || Files.exists(out.resolve(ModelDirectory.MODEL))) {
            throw new IllegalArgumentException("output directory " + out + " already holds a model; choose another --out");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("output path " + out + " is a file, not a directory");
        }
    }

    /** The name a dataset directory is recorded under (its last path element). */
    public static String datasetName(Path dataset) {
        Path name = dataset.toAbsolutePath().normalize().getFileName();
        return name == null ? dataset.toString() : name.toString();
    }

    private ObjectNode historyJson(String dataset, TrainingImages train, FaceImageSet heldOut, Encoder encoder,
                                   EncoderFlops flops, TrainingHistory h, VerificationResult model,
                                   VerificationResult pixels, VerificationResult untrained,
                                   VerificationResult trainingPersons) {
        ObjectNode n = ModelDirectory.JSON.createObjectNode();
        n.put("dataset", dataset);
        n.put("training-images", train.images());
        n.put("training-persons", train.persons());
        n.put("validation-images", heldOut.size());
        n.put("validation-persons", heldOut.distinctPersons());
        n.put("parameters", encoder.parameterCount());
        n.put("forward-flops-per-image", flops.forwardPerExample());
        n.put("steps", h.steps());
        n.put("images-seen", h.imagesSeen());
        n.put("training-seconds", h.trainingSeconds());
        n.put("wall-seconds", h.wallSeconds());
        n.put("stopped-by-time-budget", h.stoppedByBudget());
        n.put("images-per-second", h.imagesPerSecond());
        n.put("model-gflops-per-second", h.imagesPerSecond() * flops.trainingPerExample() / 1e9);
        ObjectNode t = n.putObject("step-time-seconds");
        t.put("data", h.timings().dataNanos() / 1e9);
        t.put("forward", h.timings().forwardNanos() / 1e9);
        t.put("mining-and-loss", h.timings().lossNanos() / 1e9);
        t.put("backward", h.timings().backwardNanos() / 1e9);
        t.put("update", h.timings().updateNanos() / 1e9);
        ArrayNode rounds = n.putArray("rounds");
        for (TrainingListener.RoundReport r : h.rounds()) {
            ObjectNode o = rounds.addObject();
            o.put("round", r.round());
            o.put("steps", r.steps());
            o.put("mean-loss", r.meanLoss());
            o.put("active-fraction", r.activeFraction());
            o.put("images-per-second", r.imagesPerSecond());
            o.put("round-start-embedding-seconds", r.embedSeconds());
            o.put("resident-bytes", r.residentBytes());
            o.put("training-seconds", r.elapsedSeconds());
            o.set("round-start-mining", mining(r.roundMining()));
            o.set("step-mining", mining(r.stepMining()));
        }
        ArrayNode curve = n.putArray("validation-curve");
        for (TrainingListener.CurvePoint p : h.curve()) {
            curve.add(point(p.round(), p.step(), p.trainingSeconds(), p.wallSeconds(), p.accuracyMean(), p.accuracyStd(),
                    p.auc()));
        }
        if (model != null) {
            curve.add(point(h.rounds().size(), h.steps(), h.trainingSeconds(), h.wallSeconds(), model.accuracyMean(),
                    model.accuracyStd(), model.auc()));
            ObjectNode f = n.putObject("final");
            f.put("validation-accuracy", model.accuracyMean());
            f.put("validation-accuracy-std", model.accuracyStd());
            f.put("validation-auc", model.auc());
            if (pixels != null) {
                f.put("raw-pixels-accuracy", pixels.accuracyMean());
                f.put("untrained-encoder-accuracy", untrained.accuracyMean());
            }
            if (trainingPersons != null) {
                f.put("training-persons-accuracy", trainingPersons.accuracyMean());
            }
        }
        return n;
    }

    private static ObjectNode point(int round, long step, double trainingSeconds, double wallSeconds, double accuracy,
                                    double std, double auc) {
        ObjectNode o = ModelDirectory.JSON.createObjectNode();
        o.put("round", round);
        o.put("step", step);
        o.put("training-seconds", trainingSeconds);
        o.put("wall-seconds", wallSeconds);
        o.put("accuracy", accuracy);
        o.put("accuracy-std", std);
        o.put("auc", auc);
        return o;
    }

    private static ObjectNode mining(MiningStats s) {
        ObjectNode o = ModelDirectory.JSON.createObjectNode();
        o.put("considered", s.considered());
        o.put("easy", s.fractionEasy());
        o.put("semi-hard", s.fractionSemiHard());
        o.put("hard", s.fractionHard());
        o.put("mean-positive-distance", s.positivePairs() == 0 ? null : s.meanPositiveDistance());
        o.put("mean-negative-distance", s.negativePairs() == 0 ? null : s.meanNegativeDistance());
        o.put("selected", s.selected());
        return o;
    }

    /**
     * What a run produced.
     *
     * @param encoder         the trained encoder
     * @param history         rounds, curve, throughput
     * @param report          the evaluation report (when validation was enabled)
     * @param validation      the validation pairs every figure was measured on (when validation was enabled)
     * @param model           validation verification of the trained model
     * @param rawPixels       the raw-pixel baseline on the same pairs
     * @param untrained       the untrained encoder on the same pairs
     * @param trainingPersons the trained model on pairs of training persons
     */
    public record Result(Encoder encoder, TrainingHistory history, Optional<EvaluationReports> report,
                         Optional<ValidationSet> validation, Optional<VerificationResult> model,
                         Optional<VerificationResult> rawPixels, Optional<VerificationResult> untrained,
                         Optional<VerificationResult> trainingPersons) {
    }
}
