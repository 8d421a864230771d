package io.facetrain.registry;

import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Aliases of a model: {@code aliases/<alias>.json} holds the current target, replaced atomically
 * on each move ({@link RegistryStore#writeAtomically}); {@code aliases/history/<alias>/} holds one
 * object per move, named by its time and id, never rewritten.
 *
 * <p>A move writes the new alias file first and its history object second. A mover that dies in
 * between leaves the move only in the alias file; every history read includes the current move,
 * and the next move of that alias writes it to the history first, so no move that took effect is
 * lost. Two concurrent moves of one alias are last-writer-wins, as S3 PUTs and renames are; both
 * stay in the history, with the same sequence number.
 */
final class AliasStore {

    private final RegistryStore store;
    private final RegistryLayout layout;
    private final Clock clock;
    private final String user;

    AliasStore(RegistryStore store, RegistryLayout layout, Clock clock, String user) {
        this.store = store;
        this.layout = layout;
        this.clock = clock;
        this.user = user;
    }

    Optional<AliasRecord> current(String model, String alias) throws IOException {
        Path file = layout.aliasFile(model, alias);
        Optional<byte[]> content = store.readSmallIfExists(file);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        AliasRecord record = AliasRecord.parse(content.get(), file.toString());
        if (!record.model().equals(model) || !record.alias().equals(alias)) {
            throw new CorruptArtifactException(file + " is for alias '" + record.alias() + "' of model '"
                    + record.model() + "'");
        }
        return Optional.of(record);
    }

    /** Every alias of {@code model} and its current record, by alias name. */
    Map<String, AliasRecord> all(String model) throws IOException {
        Map<String, AliasRecord> aliases = new TreeMap<>();
        for (FileStatus status : store.list(layout.aliasesDir(model))) {
            String name = status.getPath().getName();
            if (status.isFile() && name.endsWith(RegistryLayout.ALIAS_SUFFIX) && !name.startsWith(".")) {
                String alias = name.substring(0, name.length() - RegistryLayout.ALIAS_SUFFIX.length());
                current(model, alias).ifPresent(record -> aliases.put(alias, record));
            }
        }
        return aliases;
    }

    /** Points {@code alias} at {@code version} (which the caller has checked is committed). */
    AliasRecord move(String model, String alias, int version, String reason) throws IOException {
        Optional<AliasRecord> previous = current(model, alias);
        if (previous.isPresent()) {
            ensureInHistory(previous.get());
        }
        AliasRecord next = new AliasRecord(UUID.randomUUID().toString(),
                previous.map(AliasRecord::sequence).orElse(0L) + 1, model, alias, version,
                previous.map(AliasRecord::version).orElse(null),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), user, reason);
        store.writeAtomically(layout.aliasFile(model, alias), next.toJson());
        ensureInHistory(next);
        return next;
    }

    /** Every recorded move of {@code alias}, oldest first (by sequence, then time). */
    List<AliasRecord> history(String model, String alias) throws IOException {
        Map<String, AliasRecord> byMove = new TreeMap<>();
        for (FileStatus status : store.list(layout.aliasHistoryDir(model, alias))) {
            if (status.isFile() && !status.getPath().getName().startsWith(".")) {
                AliasRecord record = AliasRecord.parse(store.readSmall(status.getPath()),
                        status.getPath().toString());
                byMove.put(record.moveId(), record);
            }
        }
        current(model, alias).ifPresent(record -> byMove.putIfAbsent(record.moveId(), record));
        List<AliasRecord> moves = new ArrayList<>(byMove.values());
        moves.sort(Comparator.comparingLong(AliasRecord::sequence)
                .thenComparing(AliasRecord::movedAt).thenComparing(AliasRecord::moveId));
        return moves;
    }

    private void ensureInHistory(AliasRecord record) throws IOException {
        Path entry = new Path(layout.aliasHistoryDir(record.model(), record.alias()),
                String.format("%013d-%s.json", record.movedAt().toEpochMilli(), record.moveId()));
        if (!store.exists(entry)) {
            store.writeAtomically(entry, record.toJson());
        }
    }
}
