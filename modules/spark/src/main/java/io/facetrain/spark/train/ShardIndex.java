package io.facetrain.spark.train;

import io.facetrain.schema.FaceImage;
import io.facetrain.spark.HadoopPaths;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Which images an ingested dataset (on any Hadoop file system) holds, read on the driver before any Spark job so that the run can
 * be planned and validated first: person, source path and image id of every shard record. Only those three
 * fields are decoded (an Avro projection of {@link FaceImage}); the image bytes are skipped.
 *
 * <p>Entries are in the order {@link io.facetrain.core.data.FaceImageSetLoader} gives a whole dataset (person
 * id, then source path, then image id), so that person labels and the identity split come out exactly as in
 * a single-process run.
 */
public final class ShardIndex {

    /** The fields read: a projection of the FaceImage schema (same record name, so Avro resolves it). */
    static final Schema PROJECTION = SchemaBuilder.record(FaceImage.getClassSchema().getName())
            .namespace(FaceImage.getClassSchema().getNamespace())
            .fields()
            .requiredString("imageId")
            .requiredString("personId")
            .requiredString("sourcePath")
            .endRecord();

    /**
     * One image of the dataset.
     *
     * @param personId   the person
     * @param sourcePath path of the original file relative to the ingest input
     * @param imageId    id of the image bytes
     * @param shard      index into {@link #shards()} of the file holding it
     */
    public record Entry(String personId, String sourcePath, String imageId, int shard) {
        public Entry {
            Objects.requireNonNull(personId, "personId");
            Objects.requireNonNull(sourcePath, "sourcePath");
            Objects.requireNonNull(imageId, "imageId");
        }
    }

    /** FaceImageSetLoader's order. */
    static final Comparator<Entry> ORDER = Comparator.comparing(Entry::personId).thenComparing(Entry::sourcePath)
            .thenComparing(Entry::imageId);

    private final String dataset;
    private final List<String> shards;
    private final List<Entry> entries;
    private final Configuration hadoop;

    private ShardIndex(String dataset, List<String> shards, List<Entry> entries, Configuration hadoop) {
        this.dataset = dataset;
        this.shards = List.copyOf(shards);
        this.entries = List.copyOf(entries);
        this.hadoop = hadoop;
    }

    /**
     * @param dataset a local ingested dataset directory
     * @throws IllegalArgumentException when it is not one, or holds no images
     */
    public static ShardIndex read(java.nio.file.Path dataset) {
        return read(HadoopPaths.of(dataset.toString()).toString(), new Configuration());
    }

    /**
     * @param dataset an ingested dataset directory on any Hadoop file system (a plain path is local)
     * @param hadoop  the settings its file system is reached with (S3A endpoint and credentials, ...)
     * @throws IllegalArgumentException when it is not one, or holds no images
     * @throws UncheckedIOException     when its files cannot be read
     */
    public static ShardIndex read(String dataset, Configuration hadoop) {
        Path root = HadoopPaths.of(dataset);
        List<Path> files = DatasetFiles.shards(root, hadoop);
        List<Entry> entries = new ArrayList<>();
        for (int s = 0; s < files.size(); s++) {
            Path file = files.get(s);
            try (DataFileStream<GenericRecord> reader = new DataFileStream<>(file.getFileSystem(hadoop).open(file),
                    new GenericDatumReader<>(PROJECTION))) {
                GenericRecord record = null;
                while (reader.hasNext()) {
                    record = reader.next(record);
                    entries.add(new Entry(record.get("personId").toString(), record.get("sourcePath").toString(),
                            record.get("imageId").toString(), s));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read shard " + file + ": " + e.getMessage(), e);
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("dataset " + dataset + " has no images");
        }
        entries.sort(ORDER);
        return new ShardIndex(root.toString(), files.stream().map(Path::toString).toList(), entries, hadoop);
    }

    /** The dataset directory, a qualified Hadoop path. */
    public String dataset() {
        return dataset;
    }

    /** The shard files (qualified Hadoop paths), in file-name order. */
    public List<String> shards() {
        return shards;
    }

    /** Every image, in FaceImageSetLoader's order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The Hadoop settings the dataset was read with, for reading its shards again on the driver. */
    Configuration hadoop() {
        return hadoop;
    }
}
