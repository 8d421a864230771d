package io.facetrain.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.preprocess.PreprocessConfig;

import java.util.Objects;

/**
 * A trained encoder together with the preprocessing its inputs need, as read from a model directory.
 *
 * @param encoder    the network
 * @param preprocess how images must be cropped, resized and normalised for it
 * @param descriptor the whole model.json (provenance: dataset, steps, figures)
 */
public record TrainedModel(Encoder encoder, PreprocessConfig preprocess, JsonNode descriptor) {
    public TrainedModel {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(preprocess, "preprocess");
        Objects.requireNonNull(descriptor, "descriptor");
        if (preprocess.inputSize() != encoder.spec().inputShape().height()
                || preprocess.channels() != encoder.spec().inputShape().channels()) {
            throw new IllegalArgumentException("preprocessing (" + preprocess.inputSize() + " px, " + preprocess.channels()
                    + " channels) does not match the encoder input " + encoder.spec().inputShape());
        }
    }
}
