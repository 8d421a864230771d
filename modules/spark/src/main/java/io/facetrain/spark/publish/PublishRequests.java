package io.facetrain.spark.publish;

import io.facetrain.core.eval.OperatingPoint;
import io.facetrain.core.eval.TarAtFar;
import io.facetrain.core.eval.VerificationResult;
import io.facetrain.core.train.ModelDirectory;
import io.facetrain.core.train.TrainedModel;
import io.facetrain.registry.PublishRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Turns a finished run's model directory and validation result into a registry {@link PublishRequest}. */
public final class PublishRequests {

    private PublishRequests() {
    }

    /**
     * @param modelDir           a directory written by the trainer ({@link ModelDirectory}); all its files are published
     * @param model              the model read from it
     * @param verification       the model's verification on the run's validation pairs: τ and the metrics
     * @param datasetFingerprint see {@link DatasetFingerprint}
     * @param parentVersion      the version this run continued from, or null
     */
    public static PublishRequest of(Path modelDir, TrainedModel model, VerificationResult verification,
                                    String datasetFingerprint, Integer parentVersion) {
        int size = model.preprocess().inputSize();
        PublishRequest.Builder b = PublishRequest.builder()
                .artifactDirectory(modelDir)
                .parentVersion(parentVersion)
                .codeVersion(codeVersion())
                .configurationJson(read(modelDir.resolve(ModelDirectory.TRAINING_CONFIG)))
                .datasetFingerprint(datasetFingerprint)
                .input(size, size, model.preprocess().channels(), model.preprocess().toJson().toString())
                .embeddingDimension(model.encoder().spec().embeddingDim())
                .threshold(verification.threshold(), verification.calibrationFar().isPresent()
                        ? verification.calibrationFar().getAsDouble() : farAt(verification, verification.threshold()))
                .metric("verification-accuracy", verification.accuracyMean())
                .metric("verification-accuracy-std", verification.accuracyStd())
                .metric("auc", verification.auc())
                .metric("eer", verification.equalErrorRate().rate())
                .metric("validation-pairs", verification.pairCount());
        for (TarAtFar t : verification.tarAtFar()) {
            b.metric(String.format(Locale.ROOT, "tar-at-far-%s", t.targetFar()), t.tar());
        }
        return b.build();
    }

    /**
     * The false accept rate of threshold {@code tau} on the validation pairs: τ chosen for best accuracy has
     * no calibration FAR, but the manifest records the rate it gives.
     */
    static double farAt(VerificationResult verification, double tau) {
        double far = 0;
        for (OperatingPoint p : verification.roc().points()) {
            if (p.threshold() <= tau) {
                far = Math.max(far, p.far());
            }
        }
        return far;
    }

    /** The facetrain version stamped into this jar's manifest by Maven, or "development" when run from classes. */
    static String codeVersion() {
        String version = PublishRequests.class.getPackage().getImplementationVersion();
        return "facetrain " + (version == null ? "development" : version);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
