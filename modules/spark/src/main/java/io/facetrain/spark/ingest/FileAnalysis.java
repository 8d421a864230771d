package io.facetrain.spark.ingest;

import io.facetrain.schema.ImageFormat;
import io.facetrain.schema.RejectReason;

import java.io.Serializable;
import java.util.Objects;

/**
 * What ingest found out about one file, on its own (whether it is a duplicate of another file is decided
 * later, over all files). Kept in the dataset's catalog so that unchanged files are not read again.
 *
 * @param file     the file as listed
 * @param verdict  image, rejected or skipped
 * @param imageId  SHA-256 of the bytes (images only)
 * @param format   sniffed format (images only)
 * @param width    pixels (images only)
 * @param height   pixels (images only)
 * @param channels 1 or 3 (images only)
 * @param reason   why it was rejected (rejects only)
 * @param message  what exactly was wrong, or why it was skipped
 */
public record FileAnalysis(InputFile file, Verdict verdict, String imageId, ImageFormat format, int width, int height,
                           int channels, RejectReason reason, String message) implements Serializable {

    /** The three outcomes of looking at one file. */
    public enum Verdict {
        /** A valid image in a person folder. */
        IMAGE,
        /** Refused, with a reason; written to the rejects file. */
        REJECTED,
        /** Not meant for ingest (a README at the root, a hidden file): listed in the summary. */
        SKIPPED
    }

    public FileAnalysis {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(verdict, "verdict");
        switch (verdict) {
            case IMAGE -> {
                Objects.requireNonNull(imageId, "imageId");
                Objects.requireNonNull(format, "format");
            }
            case REJECTED -> {
                Objects.requireNonNull(reason, "reason");
                Objects.requireNonNull(message, "message");
            }
            case SKIPPED -> Objects.requireNonNull(message, "message");
        }
    }

    static FileAnalysis image(InputFile file, String imageId, ImageFormat format, int width, int height, int channels) {
        return new FileAnalysis(file, Verdict.IMAGE, imageId, format, width, height, channels, null, null);
    }

    static FileAnalysis rejected(InputFile file, RejectReason reason, String message) {
        return new FileAnalysis(file, Verdict.REJECTED, null, null, 0, 0, 0, reason, message);
    }

    static FileAnalysis skipped(InputFile file, String why) {
        return new FileAnalysis(file, Verdict.SKIPPED, null, null, 0, 0, 0, null, why);
    }

    /** The file's relative path. */
    public String path() {
        return file.path();
    }
}
