package io.facetrain.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facetrain.schema.FileChecksum;
import io.facetrain.schema.InputSpec;
import io.facetrain.schema.ModelManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publish, as the sequence of steps that makes a version appear atomically:
 * <ol>
 *   <li>{@link #stage()}: upload every file to {@code .staging/<id>/}, digesting as it goes;</li>
 *   <li>{@link #verifyStaged()}: read every staged file back and compare its SHA-256;</li>
 *   <li>{@link #claimVersion()}: claim the next version number ({@link VersionClaimer});</li>
 *   <li>{@link #moveIntoVersion()}: rename the staging directory to {@code v<N>/};</li>
 *   <li>{@link #writeManifest()}: write {@code manifest.avro} and {@code manifest.json};</li>
 *   <li>{@link #commit()}: check the version directory holds exactly the expected files, then
 *       write {@code _COMMITTED}, which is what makes the version visible.</li>
 * </ol>
 * A process that dies between any two steps leaves only objects readers ignore (staging
 * directories, claims, a version directory without marker); {@link #abandon()} or the registry's
 * garbage collection removes them. The steps must run in order, each once.
 */
final class Publication {

    private static final Logger LOG = LoggerFactory.getLogger(Publication.class);

    enum Step { NEW, STAGED, VERIFIED, CLAIMED, MOVED, DESCRIBED, COMMITTED, ABANDONED }

    /** A file in the staging area and the digest of the bytes uploaded for it. */
    private record StagedFile(String relativePath, Sha256.Digest digest) {
    }

    private final RegistryStore store;
    private final RegistryLayout layout;
    private final VersionClaimer claimer;
    private final Clock clock;
    private final String model;
    private final PublishRequest request;
    private final String stagingId = UUID.randomUUID().toString();

    private Step step = Step.NEW;
    private List<StagedFile> staged;
    private VersionClaimer.VersionClaim claim;
    private ModelManifest manifest;
    private Sha256.Digest manifestAvroDigest;
    private Sha256.Digest manifestJsonDigest;
    private boolean commitAttempted;

    Publication(RegistryStore store, RegistryLayout layout, VersionClaimer claimer, Clock clock,
            String model, PublishRequest request) {
        this.store = store;
        this.layout = layout;
        this.claimer = claimer;
        this.clock = clock;
        this.model = Names.requireModel(model);
        this.request = request;
    }

    Step step() {
        return step;
    }

    String model() {
        return model;
    }

    String stagingId() {
        return stagingId;
    }

    /** Whether the commit marker write was started (it may have succeeded even if it threw). */
    boolean commitAttempted() {
        return commitAttempted;
    }

    /** The claimed version number; only after {@link #claimVersion()}. */
    int version() {
        requireReached(Step.CLAIMED);
        return claim.version();
    }

    Path stagingDir() {
        return layout.stagingDir(model, stagingId);
    }

    void stage() throws IOException {
        advance(Step.NEW, Step.STAGED, () -> {
            List<ArtifactFiles.ArtifactFile> files = ArtifactFiles.scan(request.artifactDirectory());
            List<StagedFile> uploaded = new ArrayList<>();
            for (ArtifactFiles.ArtifactFile file : files) {
                try (InputStream in = Files.newInputStream(file.localPath());
                     OutputStream out = store.fileSystem().create(staged(file.relativePath()), true)) {
                    uploaded.add(new StagedFile(file.relativePath(), Sha256.copy(in, out)));
                }
            }
            byte[] metrics = metricsJson();
            store.write(staged(RegistryLayout.METRICS_JSON), metrics);
            uploaded.add(new StagedFile(RegistryLayout.METRICS_JSON, Sha256.of(metrics)));
            uploaded.sort(Comparator.comparing(StagedFile::relativePath));
            staged = List.copyOf(uploaded);
        });
    }

    void verifyStaged() throws IOException {
        advance(Step.STAGED, Step.VERIFIED, () -> {
            for (StagedFile file : staged) {
                Sha256.Digest stored;
                try (InputStream in = store.open(staged(file.relativePath()))) {
                    stored = Sha256.of(in);
                }
                if (!stored.equals(file.digest())) {
                    throw new CorruptArtifactException("model '" + model + "': the staged copy of '"
                            + file.relativePath() + "' (" + stored.sizeBytes() + " bytes, SHA-256 "
                            + stored.sha256() + ") differs from what was uploaded (" + file.digest().sizeBytes()
                            + " bytes, SHA-256 " + file.digest().sha256() + ")");
                }
            }
        });
    }

    void claimVersion() throws IOException {
        advance(Step.VERIFIED, Step.CLAIMED, () -> claim = claimer.claim(model, stagingId));
    }

    void moveIntoVersion() throws IOException {
        advance(Step.CLAIMED, Step.MOVED, () -> {
            Path versionDir = versionDir();
            if (store.exists(versionDir)) {
                // Only the holder of the claim writes here; anything present was put there by hand.
                throw new RegistryException("model '" + model + "': " + versionDir
                        + " already exists although this publisher holds its claim; refusing to overwrite");
            }
            store.rename(stagingDir(), versionDir);
        });
    }

    void writeManifest() throws IOException {
        advance(Step.MOVED, Step.DESCRIBED, () -> {
            List<FileChecksum> checksums = new ArrayList<>();
            for (StagedFile file : staged) {
                checksums.add(new FileChecksum(file.relativePath(), file.digest().sizeBytes(),
                        file.digest().sha256()));
            }
            manifest = ModelManifest.newBuilder()
                    .setModelName(model)
                    .setVersion(claim.version())
                    .setParentVersion(request.parentVersion())
                    .setCreatedTime(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                    .setCodeVersion(request.codeVersion())
                    .setConfiguration(request.configurationJson())
                    .setDatasetFingerprint(request.datasetFingerprint())
                    .setInput(new InputSpec(request.inputHeight(), request.inputWidth(),
                            request.inputChannels(), request.preprocessingJson()))
                    .setEmbeddingDimension(request.embeddingDimension())
                    .setThreshold(request.threshold())
                    .setThresholdFalseAcceptRate(request.thresholdFalseAcceptRate())
                    .setMetrics(new TreeMap<>(request.metrics()))
                    .setFiles(checksums)
                    .build();
            byte[] avro = ManifestCodec.toAvro(manifest);
            byte[] json = ManifestCodec.toJson(manifest);
            store.write(new Path(versionDir(), RegistryLayout.MANIFEST_AVRO), avro);
            store.write(new Path(versionDir(), RegistryLayout.MANIFEST_JSON), json);
            manifestAvroDigest = Sha256.of(avro);
            manifestJsonDigest = Sha256.of(json);
        });
    }

    /** Checks the version directory and writes the commit marker; the version is then visible. */
    PublishedVersion commit() throws IOException {
        advance(Step.DESCRIBED, Step.COMMITTED, () -> {
            checkVersionDirectoryContents();
            CommitMarker marker = new CommitMarker(CommitMarker.FORMAT_VERSION, model, claim.version(),
                    claim.claimId(), stagingId, clock.instant().truncatedTo(ChronoUnit.MILLIS), manifestAvroDigest,
                    manifestJsonDigest);
            commitAttempted = true;
            store.writeAtomically(layout.commitMarker(model, claim.version()), marker.toJson());
        });
        removeStagingDirectory();
        return published();
    }

    /** The committed version; only after {@link #commit()} (or an abandon that found it). */
    PublishedVersion published() {
        if (step != Step.COMMITTED) {
            throw new IllegalStateException("publication is at step " + step + ", not committed");
        }
        return new PublishedVersion(model, claim.version(), store.qualify(versionDir()).toUri(),
                manifest);
    }

    /**
     * Cleans up after a failed step: removes the staging directory and, if a version was claimed,
     * its uncommitted directory (manifest first, so a late commit marker cannot make it visible).
     * The claim stays, so the number is skipped.
     *
     * <p>If the failure was in writing the commit marker, the marker may have been stored even
     * though the write reported an error (a lost response). Then the version is complete and
     * valid: it is kept, and this returns true.
     *
     * @return true if the publication turned out to be committed
     */
    boolean abandon() throws IOException {
        if (step == Step.COMMITTED) {
            return true;
        }
        if (step == Step.ABANDONED) {
            return false;
        }
        if (commitAttempted && markerIsOurs()) {
            step = Step.COMMITTED;
            removeStagingDirectory();
            return true;
        }
        Step reached = step;
        step = Step.ABANDONED;
        store.deleteRecursively(stagingDir());
        if (reached.compareTo(Step.CLAIMED) >= 0) {
            store.delete(new Path(versionDir(), RegistryLayout.MANIFEST_AVRO));
            store.deleteRecursively(versionDir());
        }
        return false;
    }

    private boolean markerIsOurs() throws IOException {
        Path markerPath = layout.commitMarker(model, claim.version());
        var content = store.readSmallIfExists(markerPath);
        return content.isPresent() && CommitMarker.parse(content.get(), markerPath.toString(), model,
                claim.version()).claimId().equals(claim.claimId());
    }

    private void checkVersionDirectoryContents() throws IOException {
        Map<String, Long> expected = new TreeMap<>();
        staged.forEach(file -> expected.put(file.relativePath(), file.digest().sizeBytes()));
        expected.put(RegistryLayout.MANIFEST_AVRO, manifestAvroDigest.sizeBytes());
        expected.put(RegistryLayout.MANIFEST_JSON, manifestJsonDigest.sizeBytes());
        Map<String, Long> actual = new TreeMap<>();
        String base = store.qualify(versionDir()).toUri().getPath() + "/";
        for (LocatedFileStatus status : store.listFilesRecursively(versionDir())) {
            String path = status.getPath().toUri().getPath();
            actual.put(path.startsWith(base) ? path.substring(base.length()) : path, status.getLen());
        }
        if (!actual.equals(expected)) {
            throw new CorruptArtifactException("model '" + model + "' "
                    + RegistryLayout.versionName(claim.version()) + ": after the move the version directory"
                    + " holds " + actual + " but should hold " + expected + "; not committing");
        }
    }

    private void removeStagingDirectory() {
        try {
            store.deleteRecursively(stagingDir());
        } catch (IOException e) {
            // The version is committed; an empty staging directory left behind is harmless and gc
            // removes it. Failing the publish now would misreport a version that exists.
            LOG.warn("model '{}' {}: committed, but could not remove staging directory {}: {}", model,
                    RegistryLayout.versionName(claim.version()), stagingDir(), e.toString());
        }
    }

    private Path versionDir() {
        return layout.versionDir(model, claim.version());
    }

    private Path staged(String relativePath) {
        return new Path(stagingDir(), relativePath);
    }

    private byte[] metricsJson() {
        ObjectNode metrics = Json.object();
        request.metrics().forEach(metrics::put);
        return Json.pretty(metrics);
    }

    private void requireReached(Step needed) {
        if (step.compareTo(needed) < 0 || step == Step.ABANDONED) {
            throw new IllegalStateException("publication is at step " + step + ", needs " + needed);
        }
    }

    private void advance(Step from, Step to, IoAction action) throws IOException {
        if (step != from) {
            throw new IllegalStateException("publication step " + to + " needs step " + from
                    + " first, but it is at " + step);
        }
        action.run();
        step = to;
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
