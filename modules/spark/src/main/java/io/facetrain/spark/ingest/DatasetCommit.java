package io.facetrain.spark.ingest;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * Moves a run's finished temporary files into place as one unit. Before the first rename, the full list
 * of renames is itself written (under a temporary name, then renamed) to {@code _ingest/commit.json}; it
 * is deleted after the last. A run that dies in between leaves the record behind, and the next run
 * finishes the renames before doing anything else: the dataset is always either entirely the old one or
 * entirely the new one. Temporary files without a record are from a run that never reached its commit and
 * are deleted.
 */
final class DatasetCommit {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetCommit.class);

    /** One temporary file and the name it takes on commit. */
    record Rename(String from, String to) {
    }

    /** The commit record's content. */
    record Record(String runId, List<Rename> renames) {
    }

    private DatasetCommit() {
    }

    static void commit(FileSystem fs, DatasetLayout layout, String runId, List<Rename> renames) throws IOException {
        if (renames.isEmpty()) {
            return;
        }
        Path record = layout.commitRecord();
        Path recordTemp = DatasetLayout.temporary(record, runId);
        IngestJson.write(fs, recordTemp, IngestJson.pretty(new Record(runId, renames)));
        if (!fs.rename(recordTemp, record)) {
            throw new IOException("cannot rename " + recordTemp + " to " + record);
        }
        apply(fs, renames);
        fs.delete(record, false);
    }

    /** Finishes a commit that a dead run left behind, then deletes stray temporary files. */
    static void recover(FileSystem fs, DatasetLayout layout) throws IOException {
        Path record = layout.commitRecord();
        if (fs.exists(record)) {
            Record pending = IngestJson.read(fs, record, Record.class);
            LOG.warn("finishing the interrupted commit of ingest run {} ({} files)", pending.runId(),
                    pending.renames().size());
            apply(fs, pending.renames());
            fs.delete(record, false);
        }
        for (Path dir : List.of(layout.root(), layout.shardsDir(), layout.rejectsDir(), layout.stateDir())) {
            if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
                continue;
            }
            for (FileStatus status : fs.listStatus(dir)) {
                String name = status.getPath().getName();
                if (status.isFile() && name.startsWith(".") && name.endsWith(DatasetLayout.TEMP_SUFFIX)) {
                    LOG.info("deleting {}, left by an ingest run that did not finish", status.getPath());
                    fs.delete(status.getPath(), false);
                }
            }
        }
    }

    /** Idempotent: a rename whose temporary file is gone was done before. */
    private static void apply(FileSystem fs, List<Rename> renames) throws IOException {
        for (Rename rename : renames) {
            Path from = new Path(rename.from());
            Path to = new Path(rename.to());
            if (!fs.exists(from)) {
                continue;
            }
            // Hadoop's rename does not replace an existing file on every file system.
            if (fs.exists(to) && !fs.delete(to, false)) {
                throw new IOException("cannot replace " + to);
            }
            if (!fs.rename(from, to)) {
                throw new IOException("cannot rename " + from + " to " + to);
            }
        }
    }
}
