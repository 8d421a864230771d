package io.facetrain.spark.ingest;

import java.util.List;

/**
 * What one run did (the summary says what the dataset holds).
 *
 * @param runId            identifies the run's temporary files
 * @param filesListed      files found under the input root
 * @param filesUnchanged   listed files with a verdict from an earlier run (same size and modification time)
 * @param filesExamined    files judged in this run (new, changed, or all when the limits changed)
 * @param bytesRead        bytes of the examined files
 * @param filesNotInInput  files of earlier runs no longer under the input root: ingest keeps them
 * @param shardsWritten    shards written (new or rewritten) by this run
 * @param recordsCopied    records carried over from a shard's previous version without reading the input
 * @param recordsFromInput records read from the input into a shard
 * @param rejectsWritten   whether the rejects file was (re)written
 * @param summaryWritten   whether _summary.json was (re)written
 * @param catalogWritten   whether the catalog was (re)written
 * @param examineMillis    wall time of the examine stage
 * @param writeMillis      wall time of the shard-writing stage and the commit
 * @param totalMillis      wall time of the whole run
 */
public record RunReport(String runId, int filesListed, int filesUnchanged, int filesExamined, long bytesRead,
                        int filesNotInInput, List<Integer> shardsWritten, int recordsCopied, int recordsFromInput,
                        boolean rejectsWritten, boolean summaryWritten, boolean catalogWritten, long examineMillis,
                        long writeMillis, long totalMillis) {

    public RunReport {
        shardsWritten = List.copyOf(shardsWritten);
    }

    /** True when the run changed any file of the dataset. */
    public boolean changedAnything() {
        return !shardsWritten.isEmpty() || rejectsWritten || summaryWritten || catalogWritten;
    }

    /** Files examined per second of the whole run (0 when nothing was examined). */
    public double examinedPerSecond() {
        return totalMillis == 0 ? 0 : filesExamined * 1000.0 / totalMillis;
    }
}
