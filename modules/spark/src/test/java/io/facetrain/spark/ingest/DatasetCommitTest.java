package io.facetrain.spark.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetCommitTest {

    @TempDir
    java.nio.file.Path dir;

    private FileSystem fs;
    private DatasetLayout layout;

    @BeforeEach
    void setUp() throws IOException {
        fs = FileSystem.getLocal(new Configuration());
        layout = new DatasetLayout(new Path(dir.toUri()));
        for (Path d : List.of(layout.shardsDir(), layout.rejectsDir(), layout.stateDir())) {
            fs.mkdirs(d);
        }
    }

    @Test
    void commitReplacesTargetsAndLeavesNoRecord() throws IOException {
        write(layout.shard(0), "old shard");
        Path temp = DatasetLayout.temporary(layout.shard(0), "run1");
        write(temp, "new shard");
        Path newFile = DatasetLayout.temporary(layout.summary(), "run1");
        write(newFile, "summary");

        DatasetCommit.commit(fs, layout, "run1", List.of(rename(temp, layout.shard(0)), rename(newFile, layout.summary())));

        assertEquals("new shard", read(layout.shard(0)));
        assertEquals("summary", read(layout.summary()));
        assertFalse(fs.exists(temp));
        assertFalse(fs.exists(layout.commitRecord()));
    }

    @Test
    void recoveryFinishesAnInterruptedCommit() throws IOException {
        // The run died after renaming shard 0 and deleting shard 1, before renaming shard 1 into place.
        Path temp1 = DatasetLayout.temporary(layout.shard(1), "run2");
        write(layout.shard(0), "new 0");
        write(temp1, "new 1");
        Path catalogTemp = DatasetLayout.temporary(layout.catalog(), "run2");
        write(catalogTemp, "new catalog");
        write(layout.catalog(), "old catalog");
        List<DatasetCommit.Rename> renames = List.of(
                rename(DatasetLayout.temporary(layout.shard(0), "run2"), layout.shard(0)),
                rename(temp1, layout.shard(1)),
                rename(catalogTemp, layout.catalog()));
        IngestJson.write(fs, layout.commitRecord(), IngestJson.pretty(new DatasetCommit.Record("run2", renames)));

        DatasetCommit.recover(fs, layout);

        assertEquals("new 0", read(layout.shard(0)));
        assertEquals("new 1", read(layout.shard(1)));
        assertEquals("new catalog", read(layout.catalog()));
        assertFalse(fs.exists(layout.commitRecord()));
    }

    @Test
    void recoveryDeletesTemporaryFilesOfRunsThatNeverCommitted() throws IOException {
        write(layout.shard(0), "committed");
        Path abandoned = DatasetLayout.temporary(layout.shard(0), "run3-17");
        write(abandoned, "half written");
        Path abandonedRejects = DatasetLayout.temporary(layout.rejects(), "run3");
        write(abandonedRejects, "half written");

        DatasetCommit.recover(fs, layout);

        assertFalse(fs.exists(abandoned));
        assertFalse(fs.exists(abandonedRejects));
        assertEquals("committed", read(layout.shard(0)));
        assertTrue(fs.exists(layout.shard(0)));
    }

    private static DatasetCommit.Rename rename(Path from, Path to) {
        return new DatasetCommit.Rename(from.toString(), to.toString());
    }

    private void write(Path file, String text) throws IOException {
        IngestJson.write(fs, file, text.getBytes(StandardCharsets.UTF_8));
    }

    private String read(Path file) throws IOException {
        return Files.readString(java.nio.file.Path.of(file.toUri()));
    }
}
