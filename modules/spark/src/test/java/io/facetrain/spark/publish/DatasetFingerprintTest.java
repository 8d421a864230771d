package io.facetrain.spark.publish;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.preprocess.PreprocessConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DatasetFingerprintTest {

    private static FaceImageSet images(List<String> persons, List<String> ids) {
        PreprocessConfig c = PreprocessConfig.builder().channels(1).inputSize(8).jitterFraction(0).build();
        List<byte[]> pixels = ids.stream().map(id -> new byte[64]).toList();
        return FaceImageSet.of(c, persons, ids, ids.stream().map(id -> id + ".png").toList(), pixels);
    }

    @Test
    void isTheSha256OfTheSortedImageIdsWhateverTheirOrder() throws Exception {
        String a = DatasetFingerprint.of(images(List.of("ann", "bob", "ann"), List.of("c3", "a1", "b2")));
        String b = DatasetFingerprint.of(images(List.of("bob", "ann", "ann"), List.of("a1", "b2", "c3")));
        assertEquals(a, b);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest("a1\nb2\nc3\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("sha256:" + HexFormat.of().formatHex(expected), a);
        assertNotEquals(a, DatasetFingerprint.of(images(List.of("ann", "bob"), List.of("a1", "b2"))));
    }
}
