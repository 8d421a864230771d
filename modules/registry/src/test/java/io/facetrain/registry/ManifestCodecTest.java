package io.facetrain.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facetrain.schema.FileChecksum;
import io.facetrain.schema.InputSpec;
import io.facetrain.schema.ModelManifest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestCodecTest {

    static ModelManifest manifest(Integer parent, Double threshold, Double far) {
        return ModelManifest.newBuilder()
                .setModelName("faces")
                .setVersion(7)
                .setParentVersion(parent)
                .setCreatedTime(Instant.parse("2030-05-06T07:08:09.123Z"))
                .setCodeVersion("abc123")
                .setConfiguration("{\"lr\":0.0010,\"layers\":[{\"filters\":16}]}")
                .setDatasetFingerprint("sha256:00ff")
                .setInput(new InputSpec(96, 96, 3, "{\"resize\":96}"))
                .setEmbeddingDimension(128)
                .setThreshold(threshold)
                .setThresholdFalseAcceptRate(far)
                .setMetrics(Map.of("accuracy", 0.875, "auc", 0.93))
                .setFiles(List.of(new FileChecksum("model.zip", 12L, "ab".repeat(32))))
                .build();
    }

    @Test
    void avroAndJsonRoundTripWithAndWithoutOptionalFields() throws Exception {
        for (ModelManifest m : List.of(manifest(3, 1.05, 0.001), manifest(null, null, null))) {
            assertEquals(m, ManifestCodec.fromAvro(ManifestCodec.toAvro(m), "avro"));
            assertEquals(m, ManifestCodec.fromJson(ManifestCodec.toJson(m), "json"));
        }
    }

    @Test
    void jsonEmbedsConfigurationAsJsonNotAsAString() {
        String json = new String(ManifestCodec.toJson(manifest(3, 1.05, 0.001)),
                StandardCharsets.UTF_8);
        assertTrue(json.contains("\"lr\" : 0.0010"), json);
        assertTrue(json.contains("\"createdTime\" : \"2030-05-06T07:08:09.123Z\""), json);
        assertTrue(json.contains("\"parentVersion\" : 3"), json);
    }

    @Test
    void damagedManifestsAreReportedAsCorrupt() {
        byte[] avro = ManifestCodec.toAvro(manifest(3, 1.05, 0.001));
        byte[] truncated = java.util.Arrays.copyOf(avro, avro.length / 2);
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class,
                () -> ManifestCodec.fromAvro(truncated, "v0007/manifest.avro"));
        assertTrue(e.getMessage().startsWith("v0007/manifest.avro"), e.getMessage());
        CorruptArtifactException json = assertThrows(CorruptArtifactException.class,
                () -> ManifestCodec.fromJson("{\"modelName\":\"faces\"}".getBytes(StandardCharsets.UTF_8),
                        "manifest.json"));
        assertTrue(json.getMessage().contains("'input', 'metrics' or 'files' is missing"),
                json.getMessage());
    }

    @Test
    void commitMarkersAreBoundToTheirVersion() throws Exception {
        CommitMarker marker = new CommitMarker(CommitMarker.FORMAT_VERSION, "faces", 2, "claim",
                "staging", Instant.parse("2030-01-01T00:00:00Z"), Sha256.of(new byte[] {1}),
                Sha256.of(new byte[] {2}));
        assertEquals(marker, CommitMarker.parse(marker.toJson(), "m", "faces", 2));
        CorruptArtifactException moved = assertThrows(CorruptArtifactException.class,
                () -> CommitMarker.parse(marker.toJson(), "faces/v0003/_COMMITTED", "faces", 3));
        assertTrue(moved.getMessage().contains("names model 'faces' v0002, not 'faces' v0003"),
                moved.getMessage());
        assertThrows(CorruptArtifactException.class,
                () -> CommitMarker.parse("{\"formatVersion\":1}".getBytes(StandardCharsets.UTF_8), "m",
                        "faces", 2));
    }
}
