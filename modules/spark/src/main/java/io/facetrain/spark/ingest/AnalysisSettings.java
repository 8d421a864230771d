package io.facetrain.spark.ingest;

import io.facetrain.core.image.ImageLimits;

import java.io.Serializable;

/**
 * The settings a file's verdict depends on. Recorded in the catalog: when they change, earlier verdicts
 * no longer hold and every file still in the input is examined again.
 */
public record AnalysisSettings(int minWidth, int minHeight, long maxPixels, long maxFileBytes) implements Serializable {

    static AnalysisSettings of(IngestSettings settings) {
        ImageLimits limits = settings.limits();
        return new AnalysisSettings(limits.minWidth(), limits.minHeight(), limits.maxPixels(), settings.maxFileBytes());
    }

    ImageLimits limits() {
        return new ImageLimits(minWidth, minHeight, maxPixels);
    }
}
