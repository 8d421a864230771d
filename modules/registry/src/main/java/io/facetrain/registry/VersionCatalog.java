package io.facetrain.registry;

import io.facetrain.schema.ModelManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading side of the registry: which models and versions exist.
 *
 * <p>A version is committed exactly when its {@code _COMMITTED} marker exists, parses, names this
 * model and version, and the {@code manifest.avro} it pins is present with the pinned SHA-256.
 * Anything else in a version directory is a leftover of a publish that did not finish, and is
 * invisible here. (Requiring the manifest as well as the marker means a publisher that deletes its
 * manifest while abandoning cannot be overtaken by a marker PUT that lands late.)
 */
final class VersionCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(VersionCatalog.class);
    private static final Pattern MODEL_DIR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final RegistryStore store;
    private final RegistryLayout layout;

    VersionCatalog(RegistryStore store, RegistryLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    /** The model names under the root, sorted. */
    List<String> models() throws IOException {
        TreeSet<String> models = new TreeSet<>();
        for (FileStatus status : store.list(layout.root())) {
            String name = status.getPath().getName();
            if (status.isDirectory() && MODEL_DIR.matcher(name).matches()) {
                models.add(name);
            }
        }
        return new ArrayList<>(models);
    }

    /** Version numbers that have a directory, committed or not, ascending. */
    List<Integer> versionDirectories(String model) throws IOException {
        TreeSet<Integer> versions = new TreeSet<>();
        for (FileStatus status : store.list(layout.modelDir(model))) {
            OptionalInt version = RegistryLayout.parseVersionName(status.getPath().getName());
            if (status.isDirectory() && version.isPresent()) {
                versions.add(version.getAsInt());
            }
        }
        return new ArrayList<>(versions);
    }

    /**
     * Every committed version, ascending. A version whose marker or manifest is corrupt is left out
     * and logged: listing must not fail because one version was damaged.
     */
    List<CommittedVersion> committedVersions(String model) throws IOException {
        List<CommittedVersion> committed = new ArrayList<>();
        for (int version : versionDirectories(model)) {
            try {
                committed(model, version).ifPresent(committed::add);
            } catch (CorruptArtifactException e) {
                LOG.warn("model '{}' {}: left out of the listing: {}", model,
                        RegistryLayout.versionName(version), e.getMessage());
            }
        }
        return committed;
    }

    /** The newest committed version, if any. */
    OptionalInt newestCommitted(String model) throws IOException {
        List<Integer> versions = versionDirectories(model);
        for (int i = versions.size() - 1; i >= 0; i--) {
            try {
                if (committed(model, versions.get(i)).isPresent()) {
                    return OptionalInt.of(versions.get(i));
                }
            } catch (CorruptArtifactException e) {
                LOG.warn("model '{}' {}: skipped: {}", model,
                        RegistryLayout.versionName(versions.get(i)), e.getMessage());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Reads and checks a version's marker and manifest: empty if it is not committed, an exception
     * if it is committed but its marker or manifest is damaged.
     */
    Optional<CommittedVersion> committed(String model, int version) throws IOException {
        Path markerPath = layout.commitMarker(model, version);
        Optional<byte[]> markerBytes = store.readSmallIfExists(markerPath);
        if (markerBytes.isEmpty()) {
            return Optional.empty();
        }
        CommitMarker marker = CommitMarker.parse(markerBytes.get(), markerPath.toString(), model,
                version);
        Path manifestPath = new Path(layout.versionDir(model, version), RegistryLayout.MANIFEST_AVRO);
        Optional<byte[]> manifestBytes = store.readSmallIfExists(manifestPath);
        if (manifestBytes.isEmpty()) {
            return Optional.empty();
        }
        Sha256.Digest digest = Sha256.of(manifestBytes.get());
        if (!digest.equals(marker.manifestAvro())) {
            throw new CorruptArtifactException(describe(model, version) + ": " + manifestPath + " ("
                    + digest.sizeBytes() + " bytes, SHA-256 " + digest.sha256() + ") does not match its"
                    + " commit marker (" + marker.manifestAvro().sizeBytes() + " bytes, SHA-256 "
                    + marker.manifestAvro().sha256() + "): the manifest is corrupted");
        }
        ModelManifest manifest = ManifestCodec.fromAvro(manifestBytes.get(), manifestPath.toString());
        if (!manifest.getModelName().equals(model) || manifest.getVersion() != version) {
            throw new CorruptArtifactException(manifestPath + " describes model '"
                    + manifest.getModelName() + "' " + RegistryLayout.versionName(manifest.getVersion()));
        }
        return Optional.of(new CommittedVersion(model, version, marker, manifest,
                manifestBytes.get()));
    }

    /** Like {@link #committed} but a missing or uncommitted version is an error naming why. */
    CommittedVersion require(String model, int version) throws IOException {
        Optional<CommittedVersion> committed = committed(model, version);
        if (committed.isPresent()) {
            return committed.get();
        }
        if (!store.exists(layout.modelDir(model))) {
            throw new VersionNotFoundException("no model '" + model + "' in registry " + layout.root());
        }
        if (store.exists(layout.versionDir(model, version))) {
            throw new VersionNotFoundException(describe(model, version) + " is not committed: it is"
                    + " what a publish that did not finish left behind, and gc removes it");
        }
        throw new VersionNotFoundException("model '" + model + "' has no version "
                + RegistryLayout.versionName(version));
    }

    static String describe(String model, int version) {
        return "model '" + model + "' " + RegistryLayout.versionName(version);
    }
}
