package io.facetrain.spark.ingest;

import io.facetrain.core.image.DecodedImage;
import io.facetrain.core.image.ImageDecoder;
import io.facetrain.core.image.ImageRejectedException;
import io.facetrain.core.image.ImageSignatures;
import io.facetrain.schema.ImageFormat;
import io.facetrain.schema.RejectReason;
import io.facetrain.spark.SerializableHadoopConfiguration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import java.util.Optional;

/**
 * Examines files one at a time: reads the bytes, hashes them and decodes them fully, then lets the
 * bytes and pixels go. Runs on executors (one instance per task, created from the serialised fields);
 * files that need no reading (nested, hidden) are judged from their path alone, on the driver.
 */
final class FileAnalyzer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final SerializableHadoopConfiguration hadoop;
    private final String inputRoot;
    private final AnalysisSettings settings;

    FileAnalyzer(SerializableHadoopConfiguration hadoop, String inputRoot, AnalysisSettings settings) {
        this.hadoop = hadoop;
        this.inputRoot = inputRoot;
        this.settings = settings;
    }

    /** True when the verdict needs the file's bytes (person files) or at least its first bytes (root files). */
    static boolean needsReading(InputFile file) {
        return file.placement() == Placement.PERSON || file.placement() == Placement.ROOT;
    }

    /** The verdict for files judged by their place in the tree alone. */
    static FileAnalysis judgeByPath(InputFile file) {
        return switch (file.placement()) {
            case HIDDEN -> FileAnalysis.skipped(file, "hidden (a path segment starts with '.')");
            case NESTED -> FileAnalysis.rejected(file, RejectReason.MISPLACED, file.path()
                    + ": nested " + (file.path().split("/").length - 1) + " folders deep; ingest expects"
                    + " <input>/<person>/<image>, so no person can be assigned (is --input one level too high?)");
            default -> throw new IllegalArgumentException(file.path() + " must be read to be judged");
        };
    }

    /** Lazily examines a partition's files: one file's bytes in memory at a time. */
    Iterator<FileAnalysis> analyseAll(Iterator<InputFile> files) throws IOException {
        Path root = new Path(inputRoot);
        FileSystem fs = FileBytes.forReading(root.getFileSystem(hadoop.get()));
        ImageDecoder decoder = new ImageDecoder(settings.limits());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return files.hasNext();
            }

            @Override
            public FileAnalysis next() {
                return analyse(files.next(), fs, root, decoder);
            }
        };
    }

    FileAnalysis analyse(InputFile file, FileSystem fs, Path root, ImageDecoder decoder) {
        if (!needsReading(file)) {
            return judgeByPath(file);
        }
        try {
            return file.placement() == Placement.ROOT
                    ? analyseRootFile(file, fs, root)
                    : analysePersonFile(file, fs, root, decoder);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a name the file system cannot turn into a path. One bad name must
            // not fail the whole job.
            return FileAnalysis.rejected(file, RejectReason.UNREADABLE, file.path() + ": cannot be read: " + e.getMessage());
        }
    }

    private FileAnalysis analysePersonFile(InputFile file, FileSystem fs, Path root, ImageDecoder decoder)
            throws IOException {
        if (file.sizeBytes() > settings.maxFileBytes()) {
            return FileAnalysis.rejected(file, RejectReason.UNREADABLE, file.path() + ": " + file.sizeBytes()
                    + " bytes, more than " + IngestSettings.SECTION + ".max-file-bytes = " + settings.maxFileBytes());
        }
        byte[] bytes = FileBytes.read(fs, file.resolve(root), file.sizeBytes());
        try {
            DecodedImage image = decoder.decode(bytes, file.path());
            return FileAnalysis.image(file, ImageIds.of(bytes), image.format(), image.width(), image.height(),
                    image.channels());
        } catch (ImageRejectedException e) {
            return FileAnalysis.rejected(file, e.reason(), e.getMessage());
        }
    }

    private static FileAnalysis analyseRootFile(InputFile file, FileSystem fs, Path root) throws IOException {
        Optional<ImageFormat> format = ImageSignatures.sniff(FileBytes.head(fs, file.resolve(root), ImageSignatures.HEADER_BYTES));
        if (format.isPresent()) {
            return FileAnalysis.rejected(file, RejectReason.MISPLACED, file.path() + ": a " + format.get()
                    + " image directly in the input root; ingest expects <input>/<person>/<image>, so no person"
                    + " can be assigned");
        }
        return FileAnalysis.skipped(file, "not an image and not in a person folder (e.g. a README)");
    }
}
