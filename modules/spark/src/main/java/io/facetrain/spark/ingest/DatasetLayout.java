package io.facetrain.spark.ingest;

import org.apache.hadoop.fs.Path;

import java.util.Locale;

/**
 * Where an ingested dataset keeps its files. Readers need only {@code shards/part-NNNNN.avro}
 * (FaceImage, every person in exactly one file), {@code rejects/rejects.avro} (IngestReject) and
 * {@code _summary.json}; {@code _ingest/} is the job's own bookkeeping for incremental runs.
 * Files being written carry a leading dot and a {@code .tmp} suffix, so no reader pattern matches them.
 */
public final class DatasetLayout {

    public static final String SHARDS_DIR = "shards";
    public static final String REJECTS_DIR = "rejects";
    public static final String REJECTS_FILE = "rejects.avro";
    public static final String SUMMARY_FILE = "_summary.json";
    public static final String STATE_DIR = "_ingest";
    public static final String CATALOG_FILE = "catalog.json";
    public static final String COMMIT_FILE = "commit.json";
    static final String TEMP_SUFFIX = ".tmp";

    private final Path root;

    public DatasetLayout(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path shardsDir() {
        return new Path(root, SHARDS_DIR);
    }

    /** {@code shards/part-00003.avro} for shard 3. */
    public Path shard(int shard) {
        return new Path(shardsDir(), shardFileName(shard));
    }

    public static String shardFileName(int shard) {
        return String.format(Locale.ROOT, "part-%05d.avro", shard);
    }

    public Path rejectsDir() {
        return new Path(root, REJECTS_DIR);
    }

    public Path rejects() {
        return new Path(rejectsDir(), REJECTS_FILE);
    }

    public Path summary() {
        return new Path(root, SUMMARY_FILE);
    }

    public Path stateDir() {
        return new Path(root, STATE_DIR);
    }

    /** What every earlier run found: the basis of incremental runs. */
    public Path catalog() {
        return new Path(stateDir(), CATALOG_FILE);
    }

    /** Present only while a run's files are being moved into place (see {@link DatasetCommit}). */
    public Path commitRecord() {
        return new Path(stateDir(), COMMIT_FILE);
    }

    /** The temporary name a run writes {@code target} under before committing it. */
    public static Path temporary(Path target, String runId) {
        return new Path(target.getParent(), "." + target.getName() + "." + runId + TEMP_SUFFIX);
    }
}
