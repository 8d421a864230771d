package io.facetrain.spark.ingest;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on every file any run of ingest has seen for a dataset, with the settings they were
 * reached under. Stored as {@code _ingest/catalog.json}; it is what makes runs incremental: a file whose
 * size and modification time are unchanged is not read again.
 *
 * @param version  format version of this file
 * @param dataset  dataset name (fixed at creation)
 * @param shards   shard count (fixed at creation: changing it would move persons between shards)
 * @param analysis the settings the verdicts were reached under
 * @param files    one verdict per path, sorted by path
 */
public record Catalog(int version, String dataset, int shards, AnalysisSettings analysis, List<FileAnalysis> files) {

    public static final int CURRENT_VERSION = 1;

    public Catalog {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(analysis, "analysis");
        files = List.copyOf(files);
    }
}
