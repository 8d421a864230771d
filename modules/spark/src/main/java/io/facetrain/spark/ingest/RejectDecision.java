package io.facetrain.spark.ingest;

import io.facetrain.schema.RejectReason;

import java.util.Objects;

/**
 * A file refused by ingest, as it goes into the rejects file.
 *
 * @param path        relative to the input root
 * @param reason      the reason code
 * @param message     what exactly was wrong
 * @param sizeBytes   file size when listed
 * @param personId    the person folder it was in (null when it was in none)
 * @param duplicateOf for DUPLICATE: the path of the copy that was kept
 */
public record RejectDecision(String path, RejectReason reason, String message, long sizeBytes, String personId,
                             String duplicateOf) {

    public RejectDecision {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
