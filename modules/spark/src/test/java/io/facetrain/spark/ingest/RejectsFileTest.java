package io.facetrain.spark.ingest;

import io.facetrain.schema.IngestReject;
import io.facetrain.schema.RejectReason;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RejectsFileTest {

    private static final Instant EARLIER = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2024-03-01T00:00:00Z");

    @Test
    void unchangedRejectsKeepTheirTimeAndChangedOnesGetANewOne(@TempDir java.nio.file.Path dir) throws IOException {
        RejectDecision empty = new RejectDecision("a/1.jpg", RejectReason.EMPTY_FILE, "a/1.jpg: empty", 0, "a", null);
        RejectDecision dup = new RejectDecision("b/1.jpg", RejectReason.DUPLICATE, "b/1.jpg: same as a/2.jpg", 10, "b", "a/2.jpg");
        FileSystem fs = FileSystem.getLocal(new Configuration());
        Path file = new Path(dir.resolve("rejects.avro").toUri());
        RejectsFile.write(fs, file, RejectsFile.records("demo", List.of(empty, dup), List.of(), EARLIER));
        List<IngestReject> previous = RejectsFile.read(fs, file);

        RejectDecision dupOfAnother = new RejectDecision("b/1.jpg", RejectReason.DUPLICATE, "b/1.jpg: same as a/0.jpg", 10,
                "b", "a/0.jpg");
        List<IngestReject> next = RejectsFile.records("demo", List.of(empty, dupOfAnother), previous, NOW);

        assertEquals(2, previous.size());
        assertEquals(EARLIER, next.get(0).getRejectTime());
        assertEquals(NOW, next.get(1).getRejectTime());
        assertEquals("a/0.jpg", next.get(1).getDuplicateOf());
        assertEquals(previous, RejectsFile.records("demo", List.of(empty, dup), previous, NOW),
                "the same decisions give records equal to the stored ones, so the file is not rewritten");
    }
}
