package io.facetrain.spark.ingest;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.List;

/**
 * The valid images an ingested dataset knows, by source path, read from its catalog (no image bytes are
 * read). Duplicates are included with the id of the bytes they share with the kept copy, so a reference
 * to either file finds the image.
 */
public final class DatasetIndex {

    /** One valid image file of the dataset. */
    public record Image(String personId, String sourcePath, String imageId) {
    }

    private DatasetIndex() {
    }

    /**
     * @throws IllegalArgumentException when {@code root} holds no ingested dataset
     */
    public static List<Image> read(FileSystem fs, Path root) throws IOException {
        DatasetLayout layout = new DatasetLayout(root);
        if (!fs.exists(layout.catalog())) {
            throw new IllegalArgumentException(root + " is not an ingested dataset (no " + layout.catalog() + ")");
        }
        Catalog catalog = IngestJson.read(fs, layout.catalog(), Catalog.class);
        return catalog.files().stream()
                .filter(verdict -> verdict.verdict() == FileAnalysis.Verdict.IMAGE)
                .map(verdict -> new Image(verdict.file().personId(), verdict.path(), verdict.imageId()))
                .toList();
    }
}
