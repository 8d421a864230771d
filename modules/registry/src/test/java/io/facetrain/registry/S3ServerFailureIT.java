package io.facetrain.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 server dies while the registry is talking to it: the server process is killed for real,
 * mid-upload and mid-commit. The publish must fail quickly with an error that says what failed,
 * and once a server is back, no part of the failed version is visible and gc removes the rest.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class S3ServerFailureIT {

    private static final String MODEL = "faces";
    private static final Duration FAIL_FAST = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private static Path serverDir;
    /** Shared by the tests of this class; each kills it and leaves a restarted one behind. */
    private static S3TestServer server;
    private MutableClock clock;
    private URI root;

    @BeforeAll
    static void startServer() throws IOException {
        serverDir = Files.createTempDirectory("facetrain-s3-failure-it");
        server = S3TestServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
        TestFiles.deleteRecursively(serverDir);
    }

    @BeforeEach
    void newRegistryRoot() throws IOException {
        // A test that failed half-way may have left the server killed.
        server.ensureRunning();
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        root = URI.create("s3a://" + S3TestServer.BUCKET + "/registry-" + UUID.randomUUID());
    }

    private ModelRegistry open() throws IOException {
        Configuration conf = server.hadoopConfiguration();
        // Small sequential multipart uploads keep a large file in flight long enough to kill it.
        conf.set("fs.s3a.multipart.size", "5M");
        conf.set("fs.s3a.multipart.threshold", "5M");
        conf.setInt("fs.s3a.fast.upload.active.blocks", 1);
        return ModelRegistry.open(RegistryConfig.builder(root).build(), conf, clock);
    }

    @Test
    void serverKilledMidUploadFailsClearlyAndLeavesNoVersion() throws Exception {
        Path small = TestArtifacts.write(tmp.resolve("small"), 1, 4096);
        Path large = TestArtifacts.write(tmp.resolve("large"), 2, 40 << 20);
        // Uploaded first (files go in name order): its arrival says model.zip is on its way.
        Files.writeString(large.resolve("aaa-first.txt"), "uploaded before the weights\n");

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ModelRegistry registry = open()) {
            registry.publish(MODEL, TestArtifacts.request(small, 1).build());
            Future<PublishedVersion> publishing = pool.submit(
                    () -> registry.publish(MODEL, TestArtifacts.request(large, 2).build()));
            awaitStagedBlob("aaa-first.txt", publishing);
            assertFalse(stagedBlobExists("model.zip"), "killed before the weights were complete");
            server.kill();
            Instant killed = Instant.now();

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> publishing.get(120, TimeUnit.SECONDS));
            Duration failedAfter = Duration.between(killed, Instant.now());
            RegistryException error = assertInstanceOf(RegistryException.class, failure.getCause());
            assertTrue(error.getMessage().startsWith("publishing model 'faces' to " + root
                    + " failed while uploading files to the staging area"), error.getMessage());
            assertTrue(error.getMessage().contains("no version was created"), error.getMessage());
            assertTrue(failedAfter.compareTo(FAIL_FAST) < 0, "failed after " + failedAfter);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }

        server.restart();
        try (ModelRegistry registry = open()) {
            assertEquals(List.of(1), registry.list(MODEL).stream().map(VersionInfo::version).toList());
            assertEquals(1, registry.load(MODEL, "latest", tmp.resolve("loaded")).version());
            // The upload that was cut off is still in the staging area (the registry could not reach
            // the store to remove it); readers never look there, and gc removes it.
            clock.advance(Duration.ofHours(2));
            GcReport report = registry.gc(MODEL, new GcPolicy(Duration.ofDays(30),
                    Duration.ofHours(1), false));
            assertEquals(1, report.removedLeftovers().size(), report.toString());
            assertTrue(report.removedLeftovers().get(0).contains("/.staging/"), report.toString());
            assertEquals(2, registry.publish(MODEL, TestArtifacts.request(small, 3).build()).version());
        }
    }

    @Test
    void serverKilledBeforeCommitLeavesNoVisibleVersion() throws Exception {
        Path artifacts = TestArtifacts.write(tmp.resolve("a"), 1, 4096);
        try (ModelRegistry registry = open()) {
            Publication publication = registry.newPublication(MODEL,
                    TestArtifacts.request(artifacts, 1).build());
            RegistryContract.runUntil(publication, Publication.Step.DESCRIBED);
            server.kill();
            Instant killed = Instant.now();
            IOException commitError = assertThrows(IOException.class, publication::commit);
            assertTrue(Duration.between(killed, Instant.now()).compareTo(FAIL_FAST) < 0);
            // Which request breaks first varies (connect refused, or a pooled connection reset);
            // the message always names the registry path it was working on.
            assertTrue(commitError.getMessage().contains(root + "/" + MODEL + "/v0001"),
                    commitError.getMessage());
            // Cleaning up needs the store too; it fails, and says so, rather than pretending.
            assertThrows(IOException.class, publication::abandon);
        }

        server.restart();
        try (ModelRegistry registry = open()) {
            assertEquals(List.of(), registry.list(MODEL));
            VersionNotFoundException e = assertThrows(VersionNotFoundException.class,
                    () -> registry.load(MODEL, "v1", tmp.resolve("x")));
            assertTrue(e.getMessage().contains("v0001 is not committed"), e.getMessage());
            clock.advance(Duration.ofHours(2));
            GcReport report = registry.gc(MODEL, new GcPolicy(Duration.ofDays(30),
                    Duration.ofHours(1), false));
            assertTrue(report.removedLeftovers().stream().anyMatch(p -> p.endsWith("/v0001")),
                    report.toString());
            // v1 was claimed before the crash, so the next version is v2.
            assertEquals(2, registry.publish(MODEL, TestArtifacts.request(artifacts, 2).build())
                    .version());
        }
    }

    private void awaitStagedBlob(String name, Future<?> publishing) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!stagedBlobExists(name)) {
            if (publishing.isDone()) {
                publishing.get();
                throw new AssertionError("the publish finished before the server could be killed");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(name + " never reached the server's staging area");
            }
            Thread.sleep(5);
        }
    }

    /** Whether the server has stored a staged object called {@code name} (any staging id). */
    private boolean stagedBlobExists(String name) throws IOException {
        Path staging = server.bucketDir().resolve(root.getPath().substring(1)).resolve(MODEL)
                .resolve(".staging");
        if (!Files.isDirectory(staging)) {
            return false;
        }
        try (Stream<Path> uploads = Files.list(staging)) {
            return uploads.anyMatch(upload -> Files.isRegularFile(upload.resolve(name)));
        }
    }
}
