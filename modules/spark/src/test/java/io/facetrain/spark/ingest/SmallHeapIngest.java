package io.facetrain.spark.ingest;

import io.facetrain.core.config.ConfigLoader;
import io.facetrain.spark.SparkContexts;
import io.facetrain.spark.SparkSettings;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.Map;

/**
 * Child-process entry point of {@link LargeDatasetIngestIT}: one ingest in Spark local[2] inside a JVM
 * started with a small heap. Prints one {@code RESULT} line for the parent to check.
 */
public final class SmallHeapIngest {

    private SmallHeapIngest() {
    }

    /** Arguments: input directory, output directory, shard count. */
    public static void main(String[] args) {
        IngestSettings settings = IngestSettings.builder(ConfigLoader.defaults())
                .input(args[0]).output(args[1]).shards(Integer.parseInt(args[2])).build();
        IngestJob job = IngestJob.prepare(settings, new Configuration());
        try (JavaSparkContext spark = SparkContexts.create(SparkSettings.of("local[2]", "small-heap-ingest", Map.of(
                "spark.ui.enabled", "false",
                "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1")))) {
            IngestResult result = job.run(spark);
            System.out.printf("RESULT persons=%d images=%d rejected=%d examined=%d copied=%d fromInput=%d maxHeap=%d%n",
                    result.summary().persons(), result.summary().images(), result.summary().rejected(),
                    result.report().filesExamined(), result.report().recordsCopied(), result.report().recordsFromInput(),
                    Runtime.getRuntime().maxMemory());
        }
    }
}
