package io.facetrain.cli;

import io.facetrain.registry.ModelRegistry;
import io.facetrain.registry.PublishRequest;
import io.facetrain.registry.RegistryConfig;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code facetrain models ...} against a real registry in a local directory. */
class ModelsCommandTest {

    @TempDir
    Path dir;

    private String registry;

    @BeforeEach
    void publishTwoVersions() throws IOException {
        Path root = Files.createDirectories(dir.resolve("registry"));
        registry = root.toUri().toString();
        // Published 40 days ago, so gc's retention applies to them.
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(40)), ZoneOffset.UTC);
        try (ModelRegistry models = ModelRegistry.open(RegistryConfig.builder(root.toUri()).build(),
                new Configuration(), past)) {
            models.publish("faces", request(1, "0.001", 0.81));
            models.publish("faces", request(2, "0.0005", 0.86));
        }
    }

    private PublishRequest request(int seed, String learningRate, double accuracy) throws IOException {
        Path artifacts = Files.createDirectories(dir.resolve("artifacts-" + seed));
        Files.write(artifacts.resolve("model.zip"), new byte[] {(byte) seed, 1, 2, 3});
        return PublishRequest.builder()
                .artifactDirectory(artifacts)
                .codeVersion("deadbeefcafe000" + seed)
                .configurationJson("{\"optimizer\":{\"learningRate\":" + learningRate + "},\"rounds\":10}")
                .datasetFingerprint("sha256:feed")
                .input(64, 64, 3, "{\"resize\":64}")
                .embeddingDimension(128)
                .threshold(1.2, 0.001)
                .metric("verificationAccuracy", accuracy)
                .build();
    }

    @Test
    void everySubcommandAnswersHelp() {
        CliTestSupport.Result models = CliTestSupport.run("models", "--help");
        assertEquals(0, models.exitCode());
        for (String sub : new String[] {"list", "show", "promote", "history", "diff", "gc"}) {
            assertTrue(models.out().contains(sub), models.out());
            CliTestSupport.Result help = CliTestSupport.run("models", sub, "--help");
            assertEquals(0, help.exitCode(), sub);
            assertTrue(help.out().contains("Usage: facetrain models " + sub), help.out());
            assertTrue(help.out().contains("--registry=URI"), help.out());
        }
        assertEquals(2, CliTestSupport.run("models").exitCode());
    }

    @Test
    void listsModelsAndVersions() {
        CliTestSupport.Result models = CliTestSupport.run("models", "list", "--registry", registry);
        assertEquals(0, models.exitCode(), models.err());
        assertTrue(models.out().contains("faces"), models.out());
        assertTrue(models.out().contains("latest=v0002"), models.out());

        CliTestSupport.Result versions = CliTestSupport.run("models", "list", "--registry", registry,
                "--model", "faces");
        assertEquals(0, versions.exitCode(), versions.err());
        String[] lines = versions.out().strip().split("\\R");
        assertEquals(3, lines.length, versions.out());
        assertTrue(lines[1].startsWith("v0001"), lines[1]);
        assertTrue(lines[2].startsWith("v0002") && lines[2].contains("latest")
                && lines[2].contains("verificationAccuracy=0.8600"), lines[2]);
    }

    @Test
    void theRegistryCanComeFromTheConfiguration() {
        CliTestSupport.Result result = CliTestSupport.run("models", "list",
                "--set", "registry.root=\"" + registry + "\"",
                "--set", "registry.hadoop.\"fs.s3a.endpoint\"=\"http://127.0.0.1:9000\"");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("latest=v0002"), result.out());
    }

    @Test
    void showsTheManifestOfAVersionOrAlias() {
        CliTestSupport.Result show = CliTestSupport.run("models", "show", "--registry", registry,
                "--model", "faces", "--version", "v1");
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().startsWith("model faces v0001, committed "), show.out());
        assertTrue(show.out().contains("\"codeVersion\" : \"deadbeefcafe0001\""), show.out());
        assertTrue(show.out().contains("\"learningRate\" : 0.001"), show.out());
        assertTrue(show.out().contains("\"sha256\""), show.out());

        CliTestSupport.Result latest = CliTestSupport.run("models", "show", "--registry", registry,
                "--model", "faces");
        assertTrue(latest.out().startsWith("model faces v0002 (latest)"), latest.out());
    }

    @Test
    void promotesAndKeepsTheHistory() {
        CliTestSupport.Result first = CliTestSupport.run("models", "promote", "--registry", registry,
                "--model", "faces", "--version", "1", "--reason", "baseline");
        assertEquals(0, first.exitCode(), first.err());
        assertEquals("faces: champion -> v0001 (new alias)", first.out().strip());
        CliTestSupport.Result second = CliTestSupport.run("models", "promote", "--registry", registry,
                "--model", "faces", "--version", "latest");
        assertEquals("faces: champion -> v0002 (was v0001)", second.out().strip());

        CliTestSupport.Result history = CliTestSupport.run("models", "history", "--registry", registry,
                "--model", "faces");
        assertEquals(0, history.exitCode(), history.err());
        String[] lines = history.out().strip().split("\\R");
        assertEquals(3, lines.length, history.out());
        assertTrue(lines[1].contains("v0001") && lines[1].contains("baseline"), lines[1]);
        assertTrue(lines[2].contains("v0001") && lines[2].contains("v0002"), lines[2]);
    }

    @Test
    void diffsTwoVersions() {
        CliTestSupport.Result diff = CliTestSupport.run("models", "diff", "--registry", registry,
                "--model", "faces", "v1", "latest");
        assertEquals(0, diff.exitCode(), diff.err());
        assertTrue(diff.out().startsWith("faces: v0001 -> v0002"), diff.out());
        assertTrue(diff.out().contains("optimizer.learningRate: 0.001 -> 0.0005"), diff.out());
        assertTrue(diff.out().contains("codeVersion: deadbeefcafe0001 -> deadbeefcafe0002"), diff.out());
        assertTrue(diff.out().contains("verificationAccuracy: 0.8100 -> 0.8600 (+0.0500)"), diff.out());
    }

    @Test
    void gcRemovesOnlyUnaliasedOldVersions() {
        assertEquals(0, CliTestSupport.run("models", "promote", "--registry", registry,
                "--model", "faces", "--version", "2").exitCode());
        CliTestSupport.Result dryRun = CliTestSupport.run("models", "gc", "--registry", registry,
                "--retention", "30d", "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun.err());
        assertTrue(dryRun.out().startsWith("faces: would remove v0001; kept v0002 (named by alias champion, latest)"),
                dryRun.out());

        CliTestSupport.Result gc = CliTestSupport.run("models", "gc", "--registry", registry,
                "--model", "faces", "--retention", "30d");
        assertTrue(gc.out().startsWith("faces: removed v0001;"), gc.out());
        CliTestSupport.Result list = CliTestSupport.run("models", "list", "--registry", registry,
                "--model", "faces");
        assertFalse(list.out().contains("v0001 "), list.out());
    }

    @Test
    void badArgumentsAndMissingThingsAreOneLineErrors() {
        CliTestSupport.Result badRef = CliTestSupport.run("models", "show", "--registry", registry,
                "--model", "faces", "--version", "v0");
        assertEquals(2, badRef.exitCode());
        assertEquals("facetrain show: invalid version 0: versions start at 1", badRef.err().strip());

        CliTestSupport.Result missingModel = CliTestSupport.run("models", "show", "--registry", registry);
        assertEquals(2, missingModel.exitCode());
        assertTrue(missingModel.err().contains("Missing required option: '--model=NAME'"), missingModel.err());

        CliTestSupport.Result badScheme = CliTestSupport.run("models", "list", "--registry", "s3://bucket/m");
        assertEquals(2, badScheme.exitCode());
        assertTrue(badScheme.err().contains("use the s3a:// scheme"), badScheme.err());

        CliTestSupport.Result badRetention = CliTestSupport.run("models", "gc", "--registry", registry,
                "--retention", "soon");
        assertEquals(2, badRetention.exitCode());
        assertTrue(badRetention.err().contains("--retention 'soon' is not a duration"), badRetention.err());

        CliTestSupport.Result unknown = CliTestSupport.run("models", "show", "--registry", registry,
                "--model", "nobody");
        assertEquals(1, unknown.exitCode());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("no model 'nobody' in registry"), unknown.err());

        CliTestSupport.Result noVersion = CliTestSupport.run("models", "promote", "--registry", registry,
                "--model", "faces", "--version", "9");
        assertEquals(1, noVersion.exitCode());
        assertTrue(noVersion.err().contains("model 'faces' has no version v0009"), noVersion.err());
    }
}
