package io.facetrain.spark.ingest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.facetrain.schema.RejectReason;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The dataset at a glance, written as {@code _summary.json} and printed by the CLI. It describes the
 * dataset, not the run (no times), so an unchanged dataset has a byte-identical summary.
 *
 * @param dataset          dataset name
 * @param shards           shard count
 * @param persons          persons with at least one accepted image
 * @param images           accepted images
 * @param imageBytes       total size of the accepted images' files
 * @param rejected         rejected files
 * @param rejectedByReason rejected files per reason code (every code listed, zeros included)
 * @param skipped          files that were not meant for ingest, with why (e.g. a README at the root)
 * @param imagesPerPerson  histogram: number of images → number of persons with that many
 * @param formats          accepted images per format
 * @param channels         accepted images per channel count (1 grey, 3 colour)
 */
@JsonPropertyOrder({"dataset", "shards", "persons", "images", "imageBytes", "rejected", "rejectedByReason",
        "skipped", "imagesPerPerson", "formats", "channels"})
public record IngestSummary(String dataset, int shards, int persons, int images, long imageBytes, int rejected,
                            Map<String, Integer> rejectedByReason, List<SkippedFile> skipped,
                            SortedMap<Integer, Integer> imagesPerPerson, SortedMap<String, Integer> formats,
                            SortedMap<Integer, Integer> channels) {

    /** A file ingest left alone, and why. */
    public record SkippedFile(String path, long sizeBytes, String why) {
    }

    static IngestSummary of(String dataset, DatasetContent content) {
        Map<String, Integer> imagesByPerson = new HashMap<>();
        SortedMap<String, Integer> formats = new TreeMap<>();
        SortedMap<Integer, Integer> channels = new TreeMap<>();
        long bytes = 0;
        for (List<ShardEntry> shard : content.byShard().values()) {
            for (ShardEntry entry : shard) {
                imagesByPerson.merge(entry.personId(), 1, Integer::sum);
                formats.merge(entry.format().name(), 1, Integer::sum);
                channels.merge(entry.channels(), 1, Integer::sum);
                bytes += entry.sizeBytes();
            }
        }
        SortedMap<Integer, Integer> histogram = new TreeMap<>();
        imagesByPerson.values().forEach(count -> histogram.merge(count, 1, Integer::sum));
        Map<String, Integer> byReason = new LinkedHashMap<>();
        for (RejectReason reason : RejectReason.values()) {
            byReason.put(reason.name(), 0);
        }
        content.rejects().forEach(reject -> byReason.merge(reject.reason().name(), 1, Integer::sum));
        List<SkippedFile> skipped = content.skipped().stream()
                .map(s -> new SkippedFile(s.path(), s.file().sizeBytes(), s.message()))
                .toList();
        return new IngestSummary(dataset, content.shards(), imagesByPerson.size(), content.images(), bytes,
                content.rejects().size(), byReason, skipped, histogram, formats, channels);
    }

    /** The summary as indented JSON, exactly as in {@code _summary.json}. */
    public String toJson() {
        try {
            return new String(IngestJson.pretty(this), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the ingest summary as JSON", e);
        }
    }

    /** Rejected files with this reason. */
    public int rejected(RejectReason reason) {
        return rejectedByReason.getOrDefault(reason.name(), 0);
    }
}
