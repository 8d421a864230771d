package io.facetrain.spark.ingest;

import io.facetrain.schema.IngestReject;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rejects file: every refused file with its reason, sorted by path. A reject that an earlier run
 * already recorded identically keeps its original reject time, so an unchanged input gives an
 * unchanged file.
 */
final class RejectsFile {

    private RejectsFile() {
    }

    static List<IngestReject> read(FileSystem fs, Path file) throws IOException {
        List<IngestReject> rejects = new ArrayList<>();
        if (!fs.exists(file)) {
            return rejects;
        }
        try (FSDataInputStream in = fs.open(file);
             DataFileStream<IngestReject> records = new DataFileStream<>(in, new SpecificDatumReader<>(IngestReject.class))) {
            records.forEach(rejects::add);
        }
        return rejects;
    }

    /** The records for {@code decisions}, with reject times carried over from {@code previous}. */
    static List<IngestReject> records(String dataset, List<RejectDecision> decisions, List<IngestReject> previous,
                                      Instant now) {
        Map<String, IngestReject> previousByPath = new HashMap<>();
        previous.forEach(reject -> previousByPath.put(reject.getSourcePath(), reject));
        List<IngestReject> records = new ArrayList<>(decisions.size());
        for (RejectDecision decision : decisions) {
            IngestReject record = IngestReject.newBuilder()
                    .setSourcePath(decision.path())
                    .setReason(decision.reason())
                    .setMessage(decision.message())
                    .setSizeBytes(decision.sizeBytes())
                    .setPersonId(decision.personId())
                    .setDuplicateOf(decision.duplicateOf())
                    .setDataset(dataset)
                    .setRejectTime(now)
                    .build();
            IngestReject earlier = previousByPath.get(decision.path());
            if (earlier != null && sameApartFromTime(earlier, record)) {
                record.setRejectTime(earlier.getRejectTime());
            }
            records.add(record);
        }
        return records;
    }

    static void write(FileSystem fs, Path file, List<IngestReject> rejects) throws IOException {
        try (DataFileWriter<IngestReject> writer = new DataFileWriter<>(new SpecificDatumWriter<>(IngestReject.class))) {
            writer.create(IngestReject.getClassSchema(), fs.create(file, true));
            for (IngestReject reject : rejects) {
                writer.append(reject);
            }
        }
    }

    private static boolean sameApartFromTime(IngestReject a, IngestReject b) {
        return a.getReason() == b.getReason()
                && a.getMessage().equals(b.getMessage())
                && a.getSizeBytes() == b.getSizeBytes()
                && Objects.equals(a.getPersonId(), b.getPersonId())
                && Objects.equals(a.getDuplicateOf(), b.getDuplicateOf())
                && a.getDataset().equals(b.getDataset());
    }
}
