package io.facetrain.core.data;

import io.facetrain.schema.FaceImage;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the face shards of a local ingested dataset ({@code <dataset>/shards/part-NNNNN.avro}, Avro
 * container files of {@link FaceImage}) with plain Java: no Hadoop, no Spark. Records are streamed one at
 * a time, shard by shard in file-name order, so memory does not grow with the dataset.
 */
public final class FaceShards {

    private final Path dataset;
    private final List<Path> shards;

    private FaceShards(Path dataset, List<Path> shards) {
        this.dataset = dataset;
        this.shards = shards;
    }

    /**
     * @param dataset an ingested dataset directory
     * @throws IllegalArgumentException when the directory has no {@code shards/*.avro} files
     */
    public static FaceShards open(Path dataset) {
        Objects.requireNonNull(dataset, "dataset");
        Path dir = dataset.resolve("shards");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not an ingested dataset: " + dataset + " has no shards/ directory "
                    + "(run 'facetrain ingest' first)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".avro"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("dataset " + dataset + " has no shard files in " + dir);
        }
        return new FaceShards(dataset, List.copyOf(files));
    }

    public Path dataset() {
        return dataset;
    }

    /** The shard files, in reading order. */
    public List<Path> shardFiles() {
        return shards;
    }

    /** Passes every record of every shard to {@code action}, one at a time. */
    public void forEach(Consumer<FaceImage> action) {
        SpecificDatumReader<FaceImage> datumReader = new SpecificDatumReader<>(FaceImage.class);
        for (Path shard : shards) {
            try (DataFileReader<FaceImage> reader = new DataFileReader<>(shard.toFile(), datumReader)) {
                while (reader.hasNext()) {
                    action.accept(reader.next());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read shard " + shard + ": " + e.getMessage(), e);
            }
        }
    }

    /** Number of records in all shards (reads every shard). */
    public long count() {
        long[] n = {0};
        forEach(r -> n[0]++);
        return n[0];
    }
}
