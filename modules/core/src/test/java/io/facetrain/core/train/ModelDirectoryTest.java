package io.facetrain.core.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facetrain.core.nn.Architecture;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.EncoderSpec;
import io.facetrain.core.nn.InputShape;
import io.facetrain.core.preprocess.Normalization;
import io.facetrain.core.preprocess.PreprocessConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class ModelDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsEncoderWithItsPreprocessing() throws Exception {
        PreprocessConfig pre = PreprocessConfig.builder().channels(1).inputSize(24).cropFraction(0.7)
                .normalization(Normalization.FIXED).build();
        EncoderSpec spec = EncoderSpec.builder().architecture(Architecture.PLAIN).inputShape(InputShape.image(24, 24, 1))
                .width(2).embeddingDim(16).seed(8).build();
        Encoder encoder = Encoder.create(spec, Adam.builder()
                .learningRateSchedule(new WarmupDecaySchedule(1e-3, 5, "cosine", 50, 0.1, 1, 1)).build());
        encoder.parameters().muli(1.01);
        ObjectNode provenance = ModelDirectory.JSON.createObjectNode().put("dataset", "unit-test");
        ModelDirectory.write(dir, encoder, pre, provenance);
        assertTrue(Files.exists(dir.resolve(ModelDirectory.MODEL)));

        TrainedModel model = ModelDirectory.read(dir);
        assertEquals(spec, model.encoder().spec());
        assertEquals(pre.toJson(), model.preprocess().toJson());
        assertEquals("unit-test", model.descriptor().path("provenance").path("dataset").asText());
        assertEquals(encoder.parameterCount(), model.descriptor().path("parameters").asLong());
        float[] input = new float[3 * 24 * 24];
        Random r = new Random(1);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) r.nextGaussian();
        }
        assertArrayEquals(encoder.embed(input, 3), model.encoder().embed(input, 3), 0f);
    }

    @Test
    void rejectsDirectoriesThatAreNotModels() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDirectory.read(dir));
        assertTrue(e.getMessage().contains("not a model directory"), e.getMessage());
        Files.writeString(dir.resolve(ModelDirectory.DESCRIPTOR), "{\"format\": \"something-else\"}");
        Files.writeString(dir.resolve(ModelDirectory.MODEL), "not a zip");
        e = assertThrows(IllegalArgumentException.class, () -> ModelDirectory.read(dir));
        assertTrue(e.getMessage().contains("facetrain-encoder/1"), e.getMessage());
    }
}
