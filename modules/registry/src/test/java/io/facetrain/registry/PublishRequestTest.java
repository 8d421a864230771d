package io.facetrain.registry;

import static io.facetrain.registry.RegistryConfigTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishRequestTest {

    @TempDir
    Path tmp;

    @Test
    void normalisesJsonAndSortsMetrics() throws IOException {
        Path dir = TestArtifacts.write(tmp.resolve("a"), 1, 16);
        PublishRequest request = TestArtifacts.request(dir, 1)
                .configurationJson("{ \"b\" : 1.50, \"a\" : [ 1, 2 ] }")
                .metric("zeta", 1).metric("alpha", 2)
                .build();
        assertEquals("{\"b\":1.50,\"a\":[1,2]}", request.configurationJson());
        assertEquals(List.of("alpha", "auc", "verificationAccuracy", "zeta"),
                List.copyOf(request.metrics().keySet()));
    }

    @Test
    void invalidFieldsAreRejectedNamingTheField() throws IOException {
        Path dir = TestArtifacts.write(tmp.resolve("a"), 1, 16);
        assertMessage("artifactDirectory", () -> TestArtifacts.request(tmp.resolve("none"), 1).build());
        assertMessage("codeVersion is missing",
                () -> TestArtifacts.request(dir, 1).codeVersion(" ").build());
        assertMessage("configuration is not valid JSON",
                () -> TestArtifacts.request(dir, 1).configurationJson("{rounds: ").build());
        assertMessage("input.preprocessing is not valid JSON",
                () -> TestArtifacts.request(dir, 1).input(64, 64, 3, "crop").build());
        assertMessage("input.channels 0 is invalid",
                () -> TestArtifacts.request(dir, 1).input(64, 64, 0, "{}").build());
        assertMessage("embeddingDimension -3 is invalid",
                () -> TestArtifacts.request(dir, 1).embeddingDimension(-3).build());
        assertMessage("must be given together",
                () -> TestArtifacts.request(dir, 1).threshold(1.0, null).build());
        assertMessage("thresholdFalseAcceptRate 1.5 is invalid",
                () -> TestArtifacts.request(dir, 1).threshold(1.0, 1.5).build());
        assertMessage("metric 'loss' = NaN is invalid",
                () -> TestArtifacts.request(dir, 1).metric("loss", Double.NaN).build());
        assertMessage("parentVersion 0 is invalid",
                () -> TestArtifacts.request(dir, 1).parentVersion(0).build());
    }

    @Test
    void artifactDirectoriesAreCheckedBeforeAnyUpload() throws IOException {
        Path dir = TestArtifacts.write(tmp.resolve("a"), 1, 16);
        assertEquals(List.of("model.zip", "notes.txt", "report/roc.csv"),
                ArtifactFiles.scan(dir).stream().map(ArtifactFiles.ArtifactFile::relativePath).toList());

        Files.writeString(dir.resolve("metrics.json"), "{}");
        assertMessage("'metrics.json' in", () -> scan(dir));
        Files.delete(dir.resolve("metrics.json"));

        Files.writeString(dir.resolve("bad:name.txt"), "x");
        assertMessage("segment 'bad:name.txt' is not portable", () -> scan(dir));
        Files.delete(dir.resolve("bad:name.txt"));

        Files.createSymbolicLink(dir.resolve("link.zip"), dir.resolve("model.zip"));
        assertMessage("symbolic links are not published", () -> scan(dir));
        Files.delete(dir.resolve("link.zip"));

        Files.delete(dir.resolve("model.zip"));
        assertMessage("has no model.zip", () -> scan(dir));
    }

    private static void scan(Path dir) {
        try {
            ArtifactFiles.scan(dir);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
