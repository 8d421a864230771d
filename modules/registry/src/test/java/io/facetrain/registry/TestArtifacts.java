package io.facetrain.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Artifact directories and publish requests for the tests, from fixed seeds. */
final class TestArtifacts {

    static final String CONFIG_JSON = "{\"encoder\":{\"blocks\":[16,32,64],\"dense\":128},"
            + "\"optimizer\":{\"name\":\"adam\",\"learningRate\":0.001},\"margin\":0.2,\"rounds\":40}";
    static final String PREPROCESSING_JSON =
            "{\"crop\":\"centre\",\"cropSize\":128,\"resize\":64,\"normalise\":\"per-image\"}";

    private TestArtifacts() {
    }

    /**
     * Writes an artifact directory: {@code model.zip} of {@code weightBytes} seeded random bytes,
     * {@code notes.txt} and {@code report/roc.csv}. Different seeds give different content.
     */
    static Path write(Path dir, long seed, int weightBytes) throws IOException {
        Files.createDirectories(dir.resolve("report"));
        byte[] weights = new byte[weightBytes];
        new Random(seed).nextBytes(weights);
        Files.write(dir.resolve("model.zip"), weights);
        Files.writeString(dir.resolve("notes.txt"), "trained with seed " + seed + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report").resolve("roc.csv"),
                "far,tar\n0.001,0.7" + seed % 10 + "\n0.01,0.9\n", StandardCharsets.UTF_8);
        return dir;
    }

    /** A complete request for {@code artifactDir} whose metrics depend on {@code seed}. */
    static PublishRequest.Builder request(Path artifactDir, long seed) {
        return PublishRequest.builder()
                .artifactDirectory(artifactDir)
                .codeVersion("0123456789abcdef0123456789abcdef0123" + String.format("%04d", seed % 10_000))
                .configurationJson(CONFIG_JSON)
                .datasetFingerprint("sha256:" + Long.toHexString(seed * 0x9E3779B97F4A7C15L))
                .input(64, 64, 3, PREPROCESSING_JSON)
                .embeddingDimension(128)
                .threshold(1.1 + seed / 1000.0, 0.001)
                .metric("verificationAccuracy", 0.80 + (seed % 10) / 100.0)
                .metric("auc", 0.90);
    }
}
