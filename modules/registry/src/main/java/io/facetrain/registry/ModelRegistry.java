package io.facetrain.registry;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versioned model registry: where every training run's model lands and where verification,
 * recognition, evaluation and retraining find it. Works on any Hadoop file system; tested on
 * {@code file:} and {@code s3a:}. Layout and guarantees: {@code docs/registry.md}.
 *
 * <ul>
 *   <li>Versions ({@code <root>/<model>/v0001/}) are immutable and appear atomically, complete
 *       with weights, manifests, metrics and report; a crash leaves the old state or the new
 *       version, never part of it.</li>
 *   <li>Version numbers never collide, even with publishers racing on one model.</li>
 *   <li>Aliases ({@code latest}, {@code champion}, any other) name versions; moves are atomic and
 *       recorded in a history. {@code publish} moves {@code latest} to the newest version.</li>
 *   <li>{@code load} checks every file's SHA-256 and refuses a corrupted artifact.</li>
 * </ul>
 *
 * <p>Thread-safe for concurrent use; owns a private {@code FileSystem} instance, closed by
 * {@link #close()}.
 */
public final class ModelRegistry implements Closeable {

    /** The alias {@code promote} moves, and that gc never removes. */
    public static final String CHAMPION = "champion";
    /** The alias {@code publish} moves to the newest committed version. */
    public static final String LATEST = "latest";

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    /** Bound on the move-and-check rounds of {@code latest} after a publish. */
    private static final int LATEST_CHECKS = 10;

    private final RegistryConfig config;
    private final RegistryStore store;
    private final RegistryLayout layout;
    private final Clock clock;
    private final VersionCatalog catalog;
    private final AliasStore aliases;
    private final VersionClaimer claimer;

    private ModelRegistry(RegistryConfig config, RegistryStore store, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.layout = new RegistryLayout(store.qualify(new org.apache.hadoop.fs.Path(config.root())));
        this.catalog = new VersionCatalog(store, layout);
        this.aliases = new AliasStore(store, layout, clock, System.getProperty("user.name", "unknown"));
        this.claimer = new VersionClaimer(store, layout, clock, config.claimAttempts());
    }

    /** Opens the registry at {@code root} with default settings and the given Hadoop settings. */
    public static ModelRegistry open(URI root, Configuration hadoopConf) throws IOException {
        return open(RegistryConfig.builder(root).build(), hadoopConf, Clock.systemUTC());
    }

    /** Opens the registry {@code config} describes, with Hadoop's default configuration beneath. */
    public static ModelRegistry open(RegistryConfig config) throws IOException {
        return open(config, new Configuration(), Clock.systemUTC());
    }

    /**
     * Opens the registry {@code config} describes. Its Hadoop settings are applied over a copy of
     * {@code hadoopConf}; {@code clock} stamps manifests and alias moves and drives gc's ages.
     */
    public static ModelRegistry open(RegistryConfig config, Configuration hadoopConf, Clock clock)
            throws IOException {
        URI root = RegistryConfig.parseRoot(config.root().toString());
        RegistryStore store = RegistryStore.open(root, config.hadoopConfiguration(hadoopConf));
        return new ModelRegistry(config, store, clock);
    }

    /** The registry root, fully qualified. */
    public URI root() {
        return layout.root().toUri();
    }

    public RegistryConfig config() {
        return config;
    }

    /**
     * Publishes the files of {@code request.artifactDirectory()} as the next version of
     * {@code model}, then moves {@code latest} to the newest committed version. On failure nothing
     * becomes visible, what was written is removed (or, if the store is unreachable, left for gc),
     * and the exception names the step that failed.
     *
     * @throws IllegalArgumentException if the artifact directory or a name is invalid
     * @throws VersionNotFoundException if the parent version is not a committed version
     * @throws VersionClaimException    if no version number could be claimed under contention
     * @throws RegistryException        if the store failed; nothing was published
     */
    public PublishedVersion publish(String model, PublishRequest request) throws IOException {
        Names.requireModel(model);
        if (request.parentVersion() != null) {
            catalog.require(model, request.parentVersion());
        }
        Publication publication = newPublication(model, request);
        PublishedVersion published = runToCommit(publication);
        LOG.info("model '{}': published {} at {}", model, published.versionName(),
                published.location());
        moveLatest(model);
        return published;
    }

    /** The version-number claimer, for callers that drive claims themselves. */
    VersionClaimer claimer() {
        return claimer;
    }

    /** A publication of {@code model} whose steps the caller runs. */
    Publication newPublication(String model, PublishRequest request) {
        return new Publication(store, layout, claimer, clock, model, request);
    }

    private PublishedVersion runToCommit(Publication publication) throws IOException {
        try {
            publication.stage();
            publication.verifyStaged();
            publication.claimVersion();
            publication.moveIntoVersion();
            publication.writeManifest();
            return publication.commit();
        } catch (IOException | RuntimeException e) {
            String failedStep = describeNextStep(publication);
            boolean committed;
            try {
                committed = publication.abandon();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
                LOG.warn("publish failed while {}, and removing its leftovers failed too ({}); they are"
                        + " invisible to readers and gc removes them", failedStep, cleanup.toString());
                throw wrap(publication, failedStep, e);
            }
            if (committed) {
                LOG.warn("writing the commit marker reported an error ({}), but the marker is stored:"
                        + " the version is committed", e.toString());
                return publication.published();
            }
            throw wrap(publication, failedStep, e);
        }
    }

    private static String describeNextStep(Publication publication) {
        return switch (publication.step()) {
            case NEW -> "uploading files to the staging area " + publication.stagingDir();
            case STAGED -> "reading back the staged files to verify them";
            case VERIFIED -> "claiming a version number";
            case CLAIMED -> "moving the staged files into " + RegistryLayout.versionName(
                    publication.version());
            case MOVED -> "writing the manifest of " + RegistryLayout.versionName(publication.version());
            case DESCRIBED -> "committing " + RegistryLayout.versionName(publication.version());
            case COMMITTED, ABANDONED -> "finishing";
        };
    }

    /** The exception publish throws: bad input and registry errors as they are, I/O explained. */
    private IOException wrap(Publication publication, String failedStep, Exception e) {
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof RegistryException registry) {
            return registry;
        }
        String outcome = publication.step() == Publication.Step.ABANDONED || !publication.commitAttempted()
                ? "no version was created"
                : "the store could not be asked whether " + RegistryLayout.versionName(publication.version())
                        + " was committed: list the model's versions to find out";
        return new RegistryException("publishing model '" + publication.model() + "' to "
                + layout.root() + " failed while " + failedStep + ": " + e + "; " + outcome, e);
    }

    /**
     * Points {@code latest} at the newest committed version, then checks again until the alias and
     * the newest version agree. The re-check matters when publishers race: one that listed the
     * versions before another's commit may write its (older) version last; its re-check, made
     * after its own write, sees the newer version and moves the alias on. So the last write of
     * {@code latest} by any live publisher is always followed by a check that found it current.
     */
    private void moveLatest(String model) {
        try {
            for (int check = 1; check <= LATEST_CHECKS; check++) {
                OptionalInt newest = catalog.newestCommitted(model);
                Optional<AliasRecord> latest = aliases.current(model, LATEST);
                if (newest.isEmpty() || (latest.isPresent() && latest.get().version() == newest.getAsInt())) {
                    return;
                }
                aliases.move(model, LATEST, newest.getAsInt(), "publish");
            }
            LOG.warn("model '{}': other publishers kept committing while '{}' was moved {} times; the next"
                    + " publish moves it again", model, LATEST, LATEST_CHECKS);
        } catch (IOException e) {
            // The version is committed and stays so; failing the publish would invite a duplicate.
            // The next publish, or `promote --alias latest`, repairs the alias.
            LOG.warn("model '{}': published, but moving alias '{}' failed: {}", model, LATEST, e.toString());
        }
    }

    /** The version {@code ref} names now: a committed version number, or an alias's target. */
    public int resolve(String model, VersionRef ref) throws IOException {
        Names.requireModel(model);
        if (!ref.isAlias()) {
            return catalog.require(model, ref.version().getAsInt()).version();
        }
        Optional<AliasRecord> alias = aliases.current(model, ref.aliasName());
        if (alias.isEmpty()) {
            if (!store.exists(layout.modelDir(model))) {
                throw new VersionNotFoundException("no model '" + model + "' in registry "
                        + layout.root());
            }
            throw new VersionNotFoundException("model '" + model + "' has no alias '"
                    + ref.aliasName() + "'");
        }
        return alias.get().version();
    }

    /**
     * Downloads version or alias {@code versionOrAlias} of {@code model} into {@code localDir}
     * (new or empty), checking every file's SHA-256 against the manifest.
     *
     * @throws CorruptArtifactException if any file, manifest or marker does not match
     * @throws VersionNotFoundException if the model, version or alias does not exist
     */
    public LoadedVersion load(String model, String versionOrAlias, Path localDir)
            throws IOException {
        return load(model, VersionRef.parse(versionOrAlias), localDir);
    }

    /** See {@link #load(String, String, Path)}. */
    public LoadedVersion load(String model, VersionRef ref, Path localDir) throws IOException {
        int version = resolve(model, ref);
        CommittedVersion committed = catalog.require(model, version);
        new VersionLoader(store, layout).download(committed, localDir);
        LOG.info("model '{}': loaded {} ({}) into {}", model, RegistryLayout.versionName(version),
                ref, localDir);
        return new LoadedVersion(model, version, ref, localDir, committed.manifest());
    }

    /** The manifest and aliases of one committed version (manifest checked against its marker). */
    public VersionInfo show(String model, VersionRef ref) throws IOException {
        int version = resolve(model, ref);
        return info(catalog.require(model, version), aliases.all(model));
    }

    /** Model names in the registry, sorted. */
    public List<String> models() throws IOException {
        return catalog.models();
    }

    /** The committed versions of {@code model}, oldest first; empty for an unknown model. */
    public List<VersionInfo> list(String model) throws IOException {
        Names.requireModel(model);
        Map<String, AliasRecord> aliasMap = aliases.all(model);
        List<VersionInfo> versions = new ArrayList<>();
        for (CommittedVersion committed : catalog.committedVersions(model)) {
            versions.add(info(committed, aliasMap));
        }
        return versions;
    }

    /** The aliases of {@code model} and the move that set each, by alias name. */
    public Map<String, AliasRecord> aliases(String model) throws IOException {
        Names.requireModel(model);
        return aliases.all(model);
    }

    /** Every move of {@code alias}, oldest first. */
    public List<AliasRecord> aliasHistory(String model, String alias) throws IOException {
        Names.requireModel(model);
        return aliases.history(model, Names.requireAlias(alias));
    }

    /**
     * Points {@code alias} at the version {@code target} names (a version or another alias), which
     * must be committed. The move is atomic and recorded in the alias's history.
     */
    public AliasRecord moveAlias(String model, String alias, VersionRef target, String reason)
            throws IOException {
        Names.requireAlias(alias);
        int version = resolve(model, target);
        catalog.require(model, version);
        AliasRecord record = aliases.move(model, alias, version, reason);
        LOG.info("model '{}': alias '{}' -> {} (was {})", model, alias, record.versionName(),
                record.previousVersion() == null ? "unset"
                        : RegistryLayout.versionName(record.previousVersion()));
        return record;
    }

    /** Makes {@code target} the {@code champion}. */
    public AliasRecord promote(String model, VersionRef target, String reason) throws IOException {
        return moveAlias(model, CHAMPION, target, reason);
    }

    /** The differences in manifest, configuration and metrics between two versions. */
    public VersionDiff diff(String model, VersionRef left, VersionRef right) throws IOException {
        CommittedVersion a = catalog.require(model, resolve(model, left));
        CommittedVersion b = catalog.require(model, resolve(model, right));
        return VersionDiff.between(a.manifest(), b.manifest());
    }

    /** Garbage-collects {@code model} with the configured retention and abandonment age. */
    public GcReport gc(String model) throws IOException {
        return gc(model, config.gcPolicy());
    }

    /** Garbage-collects {@code model}; see {@link GcPolicy} for what is removed. */
    public GcReport gc(String model, GcPolicy policy) throws IOException {
        Names.requireModel(model);
        return new GarbageCollector(store, layout, catalog, aliases)
                .collect(model, policy, clock.instant());
    }

    private static VersionInfo info(CommittedVersion committed, Map<String, AliasRecord> aliasMap) {
        List<String> names = aliasMap.entrySet().stream()
                .filter(alias -> alias.getValue().version() == committed.version())
                .map(Map.Entry::getKey).sorted().toList();
        return new VersionInfo(committed.model(), committed.version(),
                committed.marker().committedAt(), committed.manifest(), names);
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
