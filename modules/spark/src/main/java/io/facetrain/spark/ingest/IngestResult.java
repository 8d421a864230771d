package io.facetrain.spark.ingest;

import java.util.Objects;

/**
 * The outcome of an ingest run: the dataset as it now is, and what the run did.
 *
 * @param summary what the dataset holds (as in _summary.json)
 * @param report  what this run did
 */
public record IngestResult(IngestSummary summary, RunReport report) {

    public IngestResult {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(report, "report");
    }
}
