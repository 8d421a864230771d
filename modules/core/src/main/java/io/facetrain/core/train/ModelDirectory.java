package io.facetrain.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.EncoderFlops;
import io.facetrain.core.nn.EncoderSpec;
import io.facetrain.core.nn.EncoderStore;
import io.facetrain.core.preprocess.PreprocessConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * The files of a trained model in a directory:
 * <ul>
 *   <li>{@value #MODEL} — the DL4J network (configuration and parameters);</li>
 *   <li>{@value #DESCRIPTOR} — what a user of the model needs: format, encoder spec (architecture, input
 *       shape, embedding dimension), preprocessing, parameter count, FLOPs, provenance;</li>
 * </ul>
 * and, written by a training run next to them, {@value #TRAINING_CONFIG}, {@value #HISTORY} and
 * {@value #REPORT}. Reading checks that the descriptor and the network agree.
 */
public final class ModelDirectory {

    public static final String MODEL = "model.zip";
    public static final String DESCRIPTOR = "model.json";
    public static final String TRAINING_CONFIG = "training-config.json";
    public static final String HISTORY = "training.json";
    public static final String REPORT = "report.json";
    /** Format tag of {@value #DESCRIPTOR}. */
    public static final String FORMAT = "facetrain-encoder/1";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelDirectory() {
    }

    /**
     * Writes the network and its descriptor.
     *
     * @param provenance extra descriptor fields (dataset, steps, ...); may be empty
     */
    public static void write(Path dir, Encoder encoder, PreprocessConfig preprocess, ObjectNode provenance) {
        ObjectNode d = JSON.createObjectNode();
        d.put("format", FORMAT);
        d.set("encoder", encoder.spec().toJson());
        d.set("preprocessing", preprocess.toJson());
        d.put("embedding-dim", encoder.spec().embeddingDim());
        d.put("parameters", encoder.parameterCount());
        d.put("trainable-parameters", encoder.parameterLayout().trainableLength());
        d.put("forward-flops-per-image",
                EncoderFlops.of(encoder.graph().getConfiguration(), encoder.spec().inputShape()).forwardPerExample());
        d.put("created", Instant.now().toString());
        d.set("provenance", provenance == null ? JSON.createObjectNode() : provenance);
        EncoderStore.write(encoder, dir.resolve(MODEL));
        writeJson(dir.resolve(DESCRIPTOR), d);
    }

    /**
     * @throws IllegalArgumentException when the directory is not a model directory or its files disagree
     */
    public static TrainedModel read(Path dir) {
        Path descriptor = dir.resolve(DESCRIPTOR);
        if (!Files.isRegularFile(descriptor) || !Files.isRegularFile(dir.resolve(MODEL))) {
            throw new IllegalArgumentException("not a model directory: " + dir + " needs " + DESCRIPTOR + " and " + MODEL);
        }
        JsonNode d;
        try {
            d = JSON.readTree(descriptor.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + descriptor + ": " + e.getMessage(), e);
        }
        if (d == null || !FORMAT.equals(d.path("format").asText())) {
            throw new IllegalArgumentException(descriptor + " is not a " + FORMAT + " descriptor (format '"
                    + (d == null ? "" : d.path("format").asText()) + "')");
        }
        EncoderSpec spec = EncoderSpec.fromJson(d.get("encoder"));
        PreprocessConfig preprocess = PreprocessConfig.fromJson(d.get("preprocessing"));
        Encoder encoder = EncoderStore.read(dir.resolve(MODEL), spec);
        return new TrainedModel(encoder, preprocess, d);
    }

    /** Writes {@code json} atomically (temporary file, then rename). */
    static void writeJson(Path file, JsonNode json) {
        writeText(file, json.toPrettyString() + "\n");
    }

    /** Writes {@code text} atomically (temporary file, then rename). */
    static void writeText(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
