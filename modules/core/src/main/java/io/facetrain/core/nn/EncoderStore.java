package io.facetrain.core.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes and reads an encoder's network as a DL4J model zip (configuration + parameters, no optimiser
 * state). The spec that describes the input travels separately (see the model directory of the training
 * package). A round trip reproduces the parameters exactly, so embeddings are bit-identical.
 */
public final class EncoderStore {

    private EncoderStore() {
    }

    /** Writes {@code encoder} to {@code zip} atomically (a temporary file in the same directory, then a rename). */
    public static void write(Encoder encoder, Path zip) {
        Path dir = zip.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".model-", ".zip.tmp");
            try {
                ModelSerializer.writeModel(encoder.graph(), tmp.toFile(), false);
                Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model " + zip + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model written by {@link #write}.
     *
     * @param spec the spec the model was built from; its input shape and embedding size are checked
     *             against the network read
     */
    public static Encoder read(Path zip, EncoderSpec spec) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException("model file does not exist: " + zip);
        }
        ComputationGraph restored;
        try {
            restored = ModelSerializer.restoreComputationGraph(zip.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read model " + zip + ": " + e.getMessage(), e);
        }
        EncoderGraph graph = new EncoderGraph(restored.getConfiguration());
        // init(params, false) adopts the restored parameter array as the new graph's flat vector.
        graph.init(restored.params(), false);
        Encoder encoder = Encoder.wrap(spec, graph);
        long dense = graph.getLayer("dense").getParam("W").size(1);
        if (dense != spec.embeddingDim()) {
            throw new IllegalArgumentException("model " + zip + " produces " + dense + "-d embeddings but its "
                    + "descriptor says " + spec.embeddingDim());
        }
        return encoder;
    }
}
