package io.facetrain.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.facetrain.schema.FileChecksum;
import io.facetrain.schema.ModelManifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour every store must show, run against a real {@code file:} directory
 * ({@link LocalRegistryTest}) and a real S3 server through S3A ({@link S3RegistryIT}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class RegistryContract {

    static final String MODEL = "faces";

    @TempDir
    Path tmp;

    MutableClock clock;
    URI root;

    /** A new, empty registry root for one test. */
    abstract URI newRoot() throws IOException;

    /** Hadoop settings that reach the store. */
    abstract Configuration hadoopConf();

    @BeforeEach
    void setUpRoot() throws IOException {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        root = newRoot();
    }

    ModelRegistry open() throws IOException {
        return ModelRegistry.open(RegistryConfig.builder(root).build(), hadoopConf(), clock);
    }

    Path artifacts(long seed) throws IOException {
        return TestArtifacts.write(tmp.resolve("artifacts-" + seed), seed, 4096 + (int) seed);
    }

    PublishedVersion publish(ModelRegistry registry, long seed) throws IOException {
        return registry.publish(MODEL, TestArtifacts.request(artifacts(seed), seed).build());
    }

    @Test
    void publishedVersionLoadsBackByteForByteWithItsManifest() throws IOException {
        try (ModelRegistry registry = open()) {
            PublishedVersion published = publish(registry, 1);
            assertEquals(1, published.version());

            LoadedVersion loaded = registry.load(MODEL, "v1", tmp.resolve("loaded"));
            Path source = tmp.resolve("artifacts-1");
            assertArrayEquals(Files.readAllBytes(source.resolve("model.zip")),
                    Files.readAllBytes(loaded.weights()));
            assertArrayEquals(Files.readAllBytes(source.resolve("report/roc.csv")),
                    Files.readAllBytes(loaded.directory().resolve("report/roc.csv")));

            ModelManifest manifest = loaded.manifest();
            assertEquals(MODEL, manifest.getModelName());
            assertEquals(1, manifest.getVersion());
            assertNull(manifest.getParentVersion());
            assertEquals(clock.instant(), manifest.getCreatedTime());
            assertEquals(TestArtifacts.request(source, 1).build().codeVersion(),
                    manifest.getCodeVersion());
            assertEquals(Json.compact(Json.parseArgument(TestArtifacts.CONFIG_JSON, "c")),
                    manifest.getConfiguration());
            assertEquals(64, manifest.getInput().getHeight());
            assertEquals(3, manifest.getInput().getChannels());
            assertEquals(128, manifest.getEmbeddingDimension());
            assertEquals(1.101, manifest.getThreshold(), 1e-12);
            assertEquals(0.001, manifest.getThresholdFalseAcceptRate(), 1e-12);
            assertEquals(0.81, manifest.getMetrics().get("verificationAccuracy"), 1e-12);

            List<String> paths = manifest.getFiles().stream().map(FileChecksum::getPath).toList();
            assertEquals(List.of("metrics.json", "model.zip", "notes.txt", "report/roc.csv"), paths);
            for (FileChecksum file : manifest.getFiles()) {
                Path local = loaded.directory().resolve(file.getPath());
                assertEquals(file.getSizeBytes(), Files.size(local), file.getPath());
                try (InputStream in = Files.newInputStream(local)) {
                    assertEquals(file.getSha256(), Sha256.of(in).sha256(), file.getPath());
                }
            }
            String metrics = Files.readString(loaded.directory().resolve("metrics.json"));
            assertTrue(metrics.contains("\"verificationAccuracy\" : 0.81"), metrics);
            // Both manifest forms are downloaded and say the same thing.
            assertEquals(manifest, ManifestCodec.fromAvro(
                    Files.readAllBytes(loaded.directory().resolve("manifest.avro")), "avro"));
            assertEquals(manifest, ManifestCodec.fromJson(
                    Files.readAllBytes(loaded.directory().resolve("manifest.json")), "json"));

            LoadedVersion latest = registry.load(MODEL, "latest", tmp.resolve("latest"));
            assertEquals(1, latest.version());
            assertEquals(VersionRef.alias("latest"), latest.reference());
        }
    }

    @Test
    void versionsIncreaseAndOldVersionsStayUnchanged() throws IOException {
        try (ModelRegistry registry = open()) {
            publish(registry, 1);
            byte[] firstWeights = Files.readAllBytes(
                    registry.load(MODEL, "v1", tmp.resolve("first")).weights());
            PublishedVersion second = registry.publish(MODEL,
                    TestArtifacts.request(artifacts(2), 2).parentVersion(1).build());
            assertEquals(2, second.version());
            assertEquals(1, second.manifest().getParentVersion());

            assertArrayEquals(firstWeights, Files.readAllBytes(
                    registry.load(MODEL, "1", tmp.resolve("again")).weights()));
            assertEquals(List.of(1, 2), registry.list(MODEL).stream().map(VersionInfo::version).toList());
            assertEquals(2, registry.resolve(MODEL, VersionRef.alias("latest")));
            assertEquals(List.of(MODEL), registry.models());
        }
    }

    @Test
    void parentMustBeACommittedVersion() throws IOException {
        try (ModelRegistry registry = open()) {
            publish(registry, 1);
            VersionNotFoundException e = assertThrows(VersionNotFoundException.class,
                    () -> registry.publish(MODEL,
                            TestArtifacts.request(artifacts(2), 2).parentVersion(7).build()));
            assertTrue(e.getMessage().contains("has no version v0007"), e.getMessage());
            assertEquals(1, registry.list(MODEL).size());
        }
    }

    @Test
    void aliasesMoveAtomicallyAndKeepTheirHistory() throws IOException {
        try (ModelRegistry registry = open()) {
            publish(registry, 1);
            publish(registry, 2);
            publish(registry, 3);
            AliasRecord first = registry.promote(MODEL, VersionRef.of(1), "first good model");
            assertNull(first.previousVersion());
            clock.advance(Duration.ofMinutes(1));
            AliasRecord second = registry.promote(MODEL, VersionRef.parse("v3"), "beats v1");
            assertEquals(1, second.previousVersion());
            registry.moveAlias(MODEL, "canary", VersionRef.alias("champion"), null);

            assertEquals(3, registry.load(MODEL, "champion", tmp.resolve("c")).version());
            Map<String, AliasRecord> aliases = registry.aliases(MODEL);
            assertEquals(Set.of("canary", "champion", "latest"), aliases.keySet());
            assertEquals(3, aliases.get("canary").version());
            assertEquals(List.of("canary", "champion", "latest"), registry.show(MODEL,
                    VersionRef.of(3)).aliases());

            List<AliasRecord> history = registry.aliasHistory(MODEL, "champion");
            assertEquals(List.of(1, 3), history.stream().map(AliasRecord::version).toList());
            assertEquals("beats v1", history.get(1).reason());
            assertEquals(List.of(1, 2, 3), registry.aliasHistory(MODEL, "latest").stream()
                    .map(AliasRecord::version).toList());

            VersionNotFoundException missing = assertThrows(VersionNotFoundException.class,
                    () -> registry.promote(MODEL, VersionRef.of(9), null));
            assertTrue(missing.getMessage().contains("has no version v0009"), missing.getMessage());
            assertEquals(3, registry.resolve(MODEL, VersionRef.alias("champion")));
        }
    }

    @Test
    void concurrentPublishersNeverShareAVersion() throws Exception {
        int publishers = 4;
        for (int i = 0; i < publishers; i++) {
            artifacts(100 + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PublishedVersion>> results = new ArrayList<>();
        try {
            for (int i = 0; i < publishers; i++) {
                long seed = 100 + i;
                results.add(pool.submit(() -> {
                    try (ModelRegistry registry = open()) {
                        start.await();
                        return publish(registry, seed);
                    }
                }));
            }
            start.countDown();
            Map<Integer, Long> seedByVersion = new HashMap<>();
            int failures = 0;
            for (int i = 0; i < publishers; i++) {
                try {
                    PublishedVersion published = results.get(i).get(100, TimeUnit.SECONDS);
                    Long previous = seedByVersion.put(published.version(), 100L + i);
                    assertNull(previous, "two publishers got " + published.versionName());
                } catch (ExecutionException e) {
                    // The only acceptable failure: contention exhausted the claim attempts, cleanly.
                    assertInstanceOf(VersionClaimException.class, e.getCause());
                    failures++;
                }
            }
            assertFalse(seedByVersion.isEmpty(), "at least one publisher succeeds");
            try (ModelRegistry reader = open()) {
                List<Integer> listed = reader.list(MODEL).stream().map(VersionInfo::version).toList();
                assertEquals(new HashSet<>(listed), seedByVersion.keySet());
                assertEquals(publishers - failures, listed.size());
                for (Map.Entry<Integer, Long> entry : seedByVersion.entrySet()) {
                    LoadedVersion loaded = reader.load(MODEL, VersionRef.of(entry.getKey()),
                            tmp.resolve("concurrent-" + entry.getKey()));
                    assertArrayEquals(Files.readAllBytes(tmp.resolve("artifacts-" + entry.getValue())
                            .resolve("model.zip")), Files.readAllBytes(loaded.weights()),
                            "version " + entry.getKey() + " holds the files of the publisher that got it");
                }
                assertEquals(listed.get(listed.size() - 1),
                        reader.resolve(MODEL, VersionRef.alias("latest")));
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    /**
     * The claim protocol under real races: in each round several claimers, released together,
     * claim the same version number; at most one may win it (all losing is allowed).
     */
    @Test
    void racingClaimsNeverBothWinOneNumber() throws Exception {
        int claimers = 4;
        int rounds = claimRaceRounds();
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        List<ModelRegistry> registries = new ArrayList<>();
        try {
            for (int i = 0; i < claimers; i++) {
                registries.add(open());
            }
            CyclicBarrier barrier = new CyclicBarrier(claimers);
            List<Future<List<Boolean>>> results = new ArrayList<>();
            for (ModelRegistry registry : registries) {
                VersionClaimer claimer = registry.claimer();
                results.add(pool.submit(() -> {
                    List<Boolean> wins = new ArrayList<>();
                    for (int round = 1; round <= rounds; round++) {
                        barrier.await(60, TimeUnit.SECONDS);
                        wins.add(claimer.tryClaim(MODEL, round, UUID.randomUUID().toString(), "race"));
                    }
                    return wins;
                }));
            }
            int[] winners = new int[rounds];
            for (Future<List<Boolean>> result : results) {
                List<Boolean> wins = result.get(100, TimeUnit.SECONDS);
                for (int round = 0; round < rounds; round++) {
                    winners[round] += wins.get(round) ? 1 : 0;
                }
            }
            // Not vacuous: a protocol that never lets anyone win is broken too.
            assertTrue(Arrays.stream(winners).sum() > 0, Arrays.toString(winners));
            try (ModelRegistry reader = open()) {
                for (int round = 1; round <= rounds; round++) {
                    assertTrue(winners[round - 1] <= 1, winners[round - 1] + " claimers won v" + round
                            + "; winners per round: " + Arrays.toString(winners));
                    // Losers withdrew; exactly the winner's claim (if any) is left.
                    assertEquals(winners[round - 1], reader.claimer().claimantsOf(MODEL, round).size());
                }
            }
        } finally {
            for (ModelRegistry registry : registries) {
                registry.close();
            }
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    /** Rounds of {@link #racingClaimsNeverBothWinOneNumber}; fewer where requests are slow. */
    abstract int claimRaceRounds();

    @ParameterizedTest
    @EnumSource(value = Publication.Step.class,
            names = {"STAGED", "VERIFIED", "CLAIMED", "MOVED", "DESCRIBED"})
    void crashBetweenStepsLeavesTheOldStateAndGcCleansUp(Publication.Step crashAfter)
            throws IOException {
        try (ModelRegistry registry = open()) {
            publish(registry, 1);
            Publication crashed = registry.newPublication(MODEL,
                    TestArtifacts.request(artifacts(2), 2).build());
            runUntil(crashed, crashAfter);
            // The process dies here: nothing of the publication runs any more, nothing is cleaned.
        }
        boolean claimed = crashAfter.compareTo(Publication.Step.CLAIMED) >= 0;
        try (ModelRegistry reader = open()) {
            assertEquals(List.of(1), reader.list(MODEL).stream().map(VersionInfo::version).toList());
            assertEquals(1, reader.load(MODEL, "latest", tmp.resolve("after-crash")).version());
            if (claimed) {
                VersionNotFoundException e = assertThrows(VersionNotFoundException.class,
                        () -> reader.show(MODEL, VersionRef.of(2)));
                String expected = crashAfter == Publication.Step.CLAIMED ? "has no version v0002"
                        : "v0002 is not committed";
                assertTrue(e.getMessage().contains(expected), e.getMessage());
            }
            assertFalse(leftovers().isEmpty(), "the crash left something for gc");

            // A publish in progress this recently is not touched by gc...
            GcPolicy policy = new GcPolicy(Duration.ofDays(30), Duration.ofHours(1), false);
            assertTrue(reader.gc(MODEL, policy).removedLeftovers().isEmpty());
            // ...but once it has been idle past abandoned-after, its leftovers go.
            clock.advance(Duration.ofHours(2));
            GcReport report = reader.gc(MODEL, policy);
            assertFalse(report.removedLeftovers().isEmpty());
            assertEquals(List.of(), leftovers());

            PublishedVersion next = publish(reader, 3);
            // A claimed number is never handed out again.
            assertEquals(claimed ? 3 : 2, next.version());
            assertEquals(next.version(), reader.load(MODEL, "latest", tmp.resolve("next")).version());
        }
    }

    @Test
    void corruptedWeightsAreRefusedOnLoad() throws IOException {
        try (ModelRegistry registry = open()) {
            publish(registry, 1);
            byte[] weights = Files.readAllBytes(tmp.resolve("artifacts-1/model.zip"));
            weights[weights.length / 2] ^= 0x01;
            overwriteInStore("faces/v0001/model.zip", weights);

            Path target = tmp.resolve("corrupt");
            CorruptArtifactException e = assertThrows(CorruptArtifactException.class,
                    () -> registry.load(MODEL, "v1", target));
            assertTrue(e.getMessage().contains("file 'model.zip' is corrupted"), e.getMessage());
            assertTrue(e.getMessage().contains("refusing to load"), e.getMessage());
            assertFalse(Files.exists(target), "nothing of a refused load is left behind");
        }
    }

    @Test
    void corruptedOrMissingMetadataIsRefused() throws IOException {
        try (ModelRegistry registry = open()) {
            publish(registry, 1);
            publish(registry, 2);
            publish(registry, 3);
            overwriteInStore("faces/v0001/manifest.avro", "not a manifest".getBytes(
                    StandardCharsets.UTF_8));
            CorruptArtifactException manifest = assertThrows(CorruptArtifactException.class,
                    () -> registry.load(MODEL, "v1", tmp.resolve("m")));
            assertTrue(manifest.getMessage().contains("does not match its commit marker"),
                    manifest.getMessage());
            // A damaged version drops out of listings instead of breaking them.
            assertEquals(List.of(2, 3), registry.list(MODEL).stream().map(VersionInfo::version)
                    .toList());

            deleteInStore("faces/v0002/report/roc.csv");
            CorruptArtifactException missing = assertThrows(CorruptArtifactException.class,
                    () -> registry.load(MODEL, "v2", tmp.resolve("r")));
            assertTrue(missing.getMessage().contains("'report/roc.csv' is listed in the manifest but"
                    + " missing"), missing.getMessage());

            overwriteInStore("faces/v0003/manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
            CorruptArtifactException json = assertThrows(CorruptArtifactException.class,
                    () -> registry.load(MODEL, "v3", tmp.resolve("j")));
            assertTrue(json.getMessage().contains("'manifest.json' is corrupted"), json.getMessage());
        }
    }

    @Test
    void gcRemovesOldVersionsNoAliasNamesButNeverTheChampion() throws IOException {
        try (ModelRegistry registry = open()) {
            for (int seed = 1; seed <= 4; seed++) {
                publish(registry, seed);
            }
            registry.promote(MODEL, VersionRef.of(1), null);
            clock.advance(Duration.ofDays(20));
            publish(registry, 5);
            clock.advance(Duration.ofDays(15));
            GcPolicy policy = new GcPolicy(Duration.ofDays(30), Duration.ofDays(1), true);

            GcReport dryRun = registry.gc(MODEL, policy);
            assertEquals(List.of(2, 3, 4), dryRun.removedVersions());
            assertEquals(5, registry.list(MODEL).size(), "a dry run removes nothing");

            GcReport report = registry.gc(MODEL, policy.withDryRun(false));
            assertEquals(List.of(2, 3, 4), report.removedVersions());
            assertTrue(report.keptVersions().get(1).contains("champion"), report.toString());
            assertTrue(report.keptVersions().get(5).contains("latest"), report.toString());
            assertEquals(List.of(1, 5), registry.list(MODEL).stream().map(VersionInfo::version).toList());
            assertThrows(VersionNotFoundException.class, () -> registry.show(MODEL, VersionRef.of(2)));

            // Even with no retention at all, the champion and latest stay.
            GcReport all = registry.gc(MODEL, policy.withDryRun(false).withRetention(Duration.ZERO));
            assertEquals(List.of(), all.removedVersions());
            assertEquals(1, registry.load(MODEL, "champion", tmp.resolve("c")).version());
            // Removed numbers are not reused.
            assertEquals(6, publish(registry, 6).version());
        }
    }

    @Test
    void diffShowsConfigurationManifestAndMetricChanges() throws IOException {
        try (ModelRegistry registry = open()) {
            publish(registry, 1);
            registry.publish(MODEL, TestArtifacts.request(artifacts(2), 2)
                    .configurationJson(TestArtifacts.CONFIG_JSON
                            .replace("\"learningRate\":0.001", "\"learningRate\":0.0005")
                            .replace("[16,32,64]", "[16,32,64,128]"))
                    .embeddingDimension(64)
                    .metric("verificationAccuracy", 0.86)
                    .build());
            VersionDiff diff = registry.diff(MODEL, VersionRef.of(1), VersionRef.alias("latest"));
            assertEquals(1, diff.left());
            assertEquals(2, diff.right());
            assertEquals(List.of(
                            new VersionDiff.Change("encoder.blocks[3]", null, "128"),
                            new VersionDiff.Change("optimizer.learningRate", "0.001", "0.0005")),
                    diff.config());
            assertTrue(diff.manifest().contains(new VersionDiff.Change("embeddingDimension", "128",
                    "64")), diff.manifest().toString());
            VersionDiff.MetricChange accuracy = diff.metrics().stream()
                    .filter(m -> m.name().equals("verificationAccuracy")).findFirst().orElseThrow();
            assertEquals(0.05, accuracy.delta(), 1e-9);
            assertTrue(registry.diff(MODEL, VersionRef.of(2), VersionRef.of(2)).isEmpty());
        }
    }

    @Test
    void unknownModelsVersionsAndAliasesAreClearErrors() throws IOException {
        try (ModelRegistry registry = open()) {
            VersionNotFoundException noModel = assertThrows(VersionNotFoundException.class,
                    () -> registry.load("nobody", "latest", tmp.resolve("x")));
            assertTrue(noModel.getMessage().contains("no model 'nobody'"), noModel.getMessage());
            publish(registry, 1);
            VersionNotFoundException noAlias = assertThrows(VersionNotFoundException.class,
                    () -> registry.show(MODEL, VersionRef.parse("champion")));
            assertTrue(noAlias.getMessage().contains("has no alias 'champion'"), noAlias.getMessage());
            assertEquals(List.of(), registry.list("nobody"));
        }
    }

    /** Paths under the model that readers ignore: staging uploads and uncommitted versions. */
    List<String> leftovers() throws IOException {
        try (FileSystem fs = FileSystem.newInstance(root, hadoopConf())) {
            org.apache.hadoop.fs.Path modelDir = new org.apache.hadoop.fs.Path(root.toString() + "/"
                    + MODEL);
            List<String> found = new ArrayList<>();
            for (FileStatus staging : listOrEmpty(fs, new org.apache.hadoop.fs.Path(modelDir,
                    ".staging"))) {
                found.add(staging.getPath().toString());
            }
            for (FileStatus entry : listOrEmpty(fs, modelDir)) {
                if (RegistryLayout.parseVersionName(entry.getPath().getName()).isPresent()
                        && !fs.exists(new org.apache.hadoop.fs.Path(entry.getPath(), "_COMMITTED"))) {
                    found.add(entry.getPath().toString());
                }
            }
            return found;
        }
    }

    private static List<FileStatus> listOrEmpty(FileSystem fs, org.apache.hadoop.fs.Path dir)
            throws IOException {
        return fs.exists(dir) ? List.of(fs.listStatus(dir)) : List.of();
    }

    /** Replaces a stored file behind the registry's back, as bit rot or a careless hand would. */
    void overwriteInStore(String relativePath, byte[] content) throws IOException {
        try (FileSystem fs = FileSystem.newInstance(root, hadoopConf());
             FSDataOutputStream out = fs.create(storePath(relativePath), true)) {
            out.write(content);
        }
    }

    void deleteInStore(String relativePath) throws IOException {
        try (FileSystem fs = FileSystem.newInstance(root, hadoopConf())) {
            assertTrue(fs.delete(storePath(relativePath), false));
        }
    }

    private org.apache.hadoop.fs.Path storePath(String relativePath) {
        return new org.apache.hadoop.fs.Path(root.toString() + "/" + relativePath);
    }

    static void runUntil(Publication publication, Publication.Step last) throws IOException {
        for (Publication.Step step : Stream.of(Publication.Step.values())
                .filter(s -> s.compareTo(Publication.Step.NEW) > 0 && s.compareTo(last) <= 0).toList()) {
            switch (step) {
                case STAGED -> publication.stage();
                case VERIFIED -> publication.verifyStaged();
                case CLAIMED -> publication.claimVersion();
                case MOVED -> publication.moveIntoVersion();
                case DESCRIBED -> publication.writeManifest();
                case COMMITTED -> publication.commit();
                default -> throw new IllegalArgumentException("not a publication step: " + step);
            }
        }
    }
}
