package io.facetrain.spark.ingest;

import io.facetrain.schema.RejectReason;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a dataset holds, decided from the verdicts of all its files: which images go into which shard,
 * which files are rejected (including duplicates, which need all files to decide) and which are skipped.
 * A pure function of the verdicts and the shard count, so the same files always give the same dataset,
 * whatever order or how many runs they arrived in.
 *
 * @param shards   shard count
 * @param byShard  every shard 0..shards-1, its entries sorted by person then path
 * @param rejects  sorted by path
 * @param skipped  sorted by path
 */
public record DatasetContent(int shards, SortedMap<Integer, List<ShardEntry>> byShard, List<RejectDecision> rejects,
                             List<FileAnalysis> skipped) {

    /**
     * @param verdicts one per file, any order
     * @param shards   shard count (at least 1)
     */
    public static DatasetContent plan(Collection<FileAnalysis> verdicts, int shards) {
        List<FileAnalysis> sorted = new ArrayList<>(verdicts);
        sorted.sort(Comparator.comparing(FileAnalysis::path));
        SortedMap<Integer, List<ShardEntry>> byShard = new TreeMap<>();
        for (int shard = 0; shard < shards; shard++) {
            byShard.put(shard, new ArrayList<>());
        }
        List<RejectDecision> rejects = new ArrayList<>();
        List<FileAnalysis> skipped = new ArrayList<>();
        // Path order makes the kept copy of duplicated bytes the first by path, in every run.
        Map<String, String> keptPathById = new HashMap<>();
        for (FileAnalysis verdict : sorted) {
            InputFile file = verdict.file();
            switch (verdict.verdict()) {
                case IMAGE -> {
                    String kept = keptPathById.putIfAbsent(verdict.imageId(), file.path());
                    if (kept == null) {
                        int shard = ShardAssigner.shardOf(file.personId(), shards);
                        byShard.get(shard).add(new ShardEntry(shard, file.personId(), file.path(), verdict.imageId(),
                                verdict.format(), verdict.width(), verdict.height(), verdict.channels(), file.sizeBytes()));
                    } else {
                        rejects.add(new RejectDecision(file.path(), RejectReason.DUPLICATE, file.path()
                                + ": same bytes (SHA-256 " + verdict.imageId() + ") as " + kept + ", which is kept",
                                file.sizeBytes(), file.personId(), kept));
                    }
                }
                case REJECTED -> rejects.add(new RejectDecision(file.path(), verdict.reason(), verdict.message(),
                        file.sizeBytes(), file.placement() == Placement.PERSON ? file.personId() : null, null));
                case SKIPPED -> skipped.add(verdict);
            }
        }
        byShard.replaceAll((shard, entries) -> {
            entries.sort(Comparator.comparing(ShardEntry::key));
            return Collections.unmodifiableList(entries);
        });
        return new DatasetContent(shards, Collections.unmodifiableSortedMap(byShard),
                Collections.unmodifiableList(rejects), Collections.unmodifiableList(skipped));
    }

    /** Number of accepted images. */
    public int images() {
        return byShard.values().stream().mapToInt(List::size).sum();
    }
}
