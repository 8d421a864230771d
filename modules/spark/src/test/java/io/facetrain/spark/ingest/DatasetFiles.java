package io.facetrain.spark.ingest;

import io.facetrain.schema.FaceImage;
import io.facetrain.schema.IngestReject;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads an ingested dataset back from local disk, independently of the ingest code, for assertions. */
final class DatasetFiles {

    /** What identifies a file's state: size, modification time and content hash. */
    record FileState(long size, long modified, String sha256) {
    }

    private DatasetFiles() {
    }

    /** Every shard file's records, by shard file name. */
    static Map<String, List<FaceImage>> shards(Path dataset) throws IOException {
        Map<String, List<FaceImage>> shards = new TreeMap<>();
        try (Stream<Path> files = Files.list(dataset.resolve("shards"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("part-\\d{5}\\.avro")).toList()) {
                List<FaceImage> records = new ArrayList<>();
                try (DataFileReader<FaceImage> reader = new DataFileReader<>(file.toFile(),
                        new SpecificDatumReader<>(FaceImage.class))) {
                    reader.forEach(records::add);
                }
                shards.put(file.getFileName().toString(), records);
            }
        }
        return shards;
    }

    static List<IngestReject> rejects(Path dataset) throws IOException {
        List<IngestReject> rejects = new ArrayList<>();
        try (DataFileReader<IngestReject> reader = new DataFileReader<>(dataset.resolve("rejects/rejects.avro").toFile(),
                new SpecificDatumReader<>(IngestReject.class))) {
            reader.forEach(rejects::add);
        }
        return rejects;
    }

    /** Shard file name of every person, failing if a person is in two shard files. */
    static Map<String, String> shardOfPerson(Path dataset) throws IOException {
        Map<String, String> shardOf = new TreeMap<>();
        for (Map.Entry<String, List<FaceImage>> shard : shards(dataset).entrySet()) {
            for (FaceImage image : shard.getValue()) {
                String earlier = shardOf.putIfAbsent(image.getPersonId(), shard.getKey());
                if (earlier != null && !earlier.equals(shard.getKey())) {
                    throw new AssertionError(image.getPersonId() + " is in " + earlier + " and " + shard.getKey());
                }
            }
        }
        return shardOf;
    }

    /** State of every file under the dataset (Hadoop's .crc side files included). */
    static Map<String, FileState> snapshot(Path dataset) throws IOException {
        Map<String, FileState> states = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dataset)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                states.put(dataset.relativize(file).toString(), new FileState(Files.size(file),
                        Files.getLastModifiedTime(file).toMillis(), ImageIds.of(Files.readAllBytes(file))));
            }
        }
        return states;
    }

    static byte[] bytes(FaceImage image) {
        ByteBuffer buffer = image.getBytes().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** A dataset's content without times: shard file → (person, path, image id) lines. */
    static Map<String, List<String>> content(Path dataset) {
        try {
            Map<String, List<String>> content = new TreeMap<>();
            shards(dataset).forEach((shard, records) -> content.put(shard, records.stream()
                    .map(r -> r.getPersonId() + " " + r.getSourcePath() + " " + r.getImageId()).toList()));
            content.put("rejects", rejects(dataset).stream()
                    .map(r -> r.getSourcePath() + " " + r.getReason() + " " + r.getDuplicateOf()).toList());
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
