package io.facetrain.registry;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes committed versions that no alias names and that are older than the retention, and the
 * leftovers of failed publishes once they have not changed for {@link GcPolicy#abandonedAfter()}.
 * Never removes a version an alias names ({@code champion} included), a damaged version (left for
 * inspection), or a version claim (so numbers are never reused).
 *
 * <p>A version is removed by deleting its commit marker first, which hides it at once; then the
 * aliases are read again, and if one was moved to the version meanwhile the marker is put back.
 */
final class GarbageCollector {

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

    private final RegistryStore store;
    private final RegistryLayout layout;
    private final VersionCatalog catalog;
    private final AliasStore aliases;

    GarbageCollector(RegistryStore store, RegistryLayout layout, VersionCatalog catalog,
            AliasStore aliases) {
        this.store = store;
        this.layout = layout;
        this.catalog = catalog;
        this.aliases = aliases;
    }

    GcReport collect(String model, GcPolicy policy, Instant now) throws IOException {
        Map<String, AliasRecord> aliasMap = aliases.all(model);
        List<Integer> removed = new ArrayList<>();
        Map<Integer, String> kept = new TreeMap<>();
        List<String> leftovers = new ArrayList<>();
        Instant oldestKept = now.minus(policy.retention());
        for (int version : catalog.versionDirectories(model)) {
            Optional<CommittedVersion> committed;
            try {
                committed = catalog.committed(model, version);
            } catch (CorruptArtifactException e) {
                kept.put(version, "damaged, left for inspection: " + e.getMessage());
                continue;
            }
            if (committed.isEmpty()) {
                removeIfAbandoned(layout.versionDir(model, version), policy, now, leftovers);
                continue;
            }
            List<String> namedBy = aliasMap.entrySet().stream()
                    .filter(alias -> alias.getValue().version() == version).map(Map.Entry::getKey).toList();
            Instant created = committed.get().manifest().getCreatedTime();
            if (!namedBy.isEmpty()) {
                kept.put(version, "named by alias " + String.join(", ", namedBy));
            } else if (created.isAfter(oldestKept)) {
                kept.put(version, "created " + created + ", within the retention of " + policy.retention());
            } else if (policy.dryRun() || removeVersion(model, version)) {
                removed.add(version);
            } else {
                kept.put(version, "an alias was moved to it while gc ran");
            }
        }
        for (FileStatus staging : store.list(layout.stagingRoot(model))) {
            removeIfAbandoned(staging.getPath(), policy, now, leftovers);
        }
        removeAbandonedTempFiles(layout.aliasesDir(model), policy, now, leftovers);
        for (FileStatus history : store.list(new Path(layout.aliasesDir(model),
                RegistryLayout.HISTORY_DIR))) {
            removeAbandonedTempFiles(history.getPath(), policy, now, leftovers);
        }
        return new GcReport(model, List.copyOf(removed), Map.copyOf(kept), List.copyOf(leftovers),
                policy.dryRun());
    }

    /** Hides the version, re-checks the aliases, then deletes it; false if an alias now names it. */
    private boolean removeVersion(String model, int version) throws IOException {
        Path marker = layout.commitMarker(model, version);
        byte[] markerBytes = store.readSmall(marker);
        store.delete(marker);
        boolean promotedMeanwhile = aliases.all(model).values().stream()
                .anyMatch(alias -> alias.version() == version);
        if (promotedMeanwhile) {
            store.writeAtomically(marker, markerBytes);
            return false;
        }
        store.deleteRecursively(layout.versionDir(model, version));
        LOG.info("model '{}': removed {}", model, RegistryLayout.versionName(version));
        return true;
    }

    private void removeIfAbandoned(Path dir, GcPolicy policy, Instant now, List<String> removed)
            throws IOException {
        Instant lastChange = lastChange(dir);
        if (!lastChange.plus(policy.abandonedAfter()).isAfter(now)) {
            if (!policy.dryRun()) {
                store.deleteRecursively(dir);
                LOG.info("removed leftover of a failed publish: {} (last changed {})", dir, lastChange);
            }
            removed.add(dir.toString());
        }
    }

    private void removeAbandonedTempFiles(Path dir, GcPolicy policy, Instant now,
            List<String> removed) throws IOException {
        for (FileStatus status : store.list(dir)) {
            String name = status.getPath().getName();
            if (status.isFile() && name.startsWith(".") && name.endsWith(".tmp")
                    && !Instant.ofEpochMilli(status.getModificationTime()).plus(policy.abandonedAfter())
                            .isAfter(now)) {
                if (!policy.dryRun()) {
                    store.delete(status.getPath());
                }
                removed.add(status.getPath().toString());
            }
        }
    }

    /** The newest modification time of anything in {@code dir} (object stores: of its files). */
    private Instant lastChange(Path dir) throws IOException {
        long newest = store.status(dir).map(FileStatus::getModificationTime).orElse(0L);
        for (LocatedFileStatus file : store.listFilesRecursively(dir)) {
            newest = Math.max(newest, file.getModificationTime());
        }
        return Instant.ofEpochMilli(newest);
    }
}
