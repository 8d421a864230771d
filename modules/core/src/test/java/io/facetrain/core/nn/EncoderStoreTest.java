package io.facetrain.core.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class EncoderStoreTest {

    @TempDir
    Path dir;

    @Test
    void roundTripGivesBitIdenticalEmbeddings() throws Exception {
        EncoderSpec spec = EncoderSpec.builder().architecture(Architecture.RESNET).inputShape(InputShape.image(16, 16, 3))
                .width(4).embeddingDim(16).seed(5).build();
        Encoder original = Encoder.create(spec, new Adam(1e-3));
        // Move the batch-norm statistics and weights away from their initial values first.
        original.parameters().addi(0.01);
        Path zip = dir.resolve("model.zip");
        EncoderStore.write(original, zip);
        assertTrue(Files.size(zip) > 0);
        Encoder restored = EncoderStore.read(zip, spec);
        assertEquals(original.parameters(), restored.parameters());
        float[] input = NnTestSupport.gaussian(7, 6 * 3 * 16 * 16);
        float[] a = original.embed(input, 6);
        float[] b = restored.embed(input, 6);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToIntBits(a[i]), Float.floatToIntBits(b[i]), "embedding value " + i);
        }
        assertArrayEquals(a, b, 0f);
    }

    @Test
    void embeddingSizeMustMatchTheSpec() {
        EncoderSpec spec = EncoderSpec.builder().architecture(Architecture.COMPACT).inputShape(InputShape.image(16, 16, 1))
                .width(2).embeddingDim(8).build();
        Path zip = dir.resolve("m.zip");
        EncoderStore.write(Encoder.create(spec, new Adam(1e-3)), zip);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EncoderStore.read(zip, spec.toBuilder().embeddingDim(16).build()));
        assertTrue(e.getMessage().contains("8-d"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EncoderStore.read(dir.resolve("missing.zip"), spec));
    }
}
