package io.facetrain.core.image;

import io.facetrain.schema.ImageFormat;
import io.facetrain.schema.RejectReason;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Validates and decodes one encoded image. The checks run from cheapest to most expensive, and each
 * failure names its reason: empty file, not an image (by signature, not extension), truncated (the
 * format's own end marker is missing: JPEG EOI, PNG IEND, GIF trailer, BMP/PGM pixel data short),
 * outside the size limits (from the header, before pixels are allocated), then undecodable (the
 * decoder fails or warns of corrupt data).
 *
 * <p>Instances are immutable and thread-safe: every call creates its own ImageIO reader.
 */
public final class ImageDecoder {

    private final ImageLimits limits;

    /** A decoder with {@link ImageLimits#LENIENT} limits. */
    public ImageDecoder() {
        this(ImageLimits.LENIENT);
    }

    public ImageDecoder(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ImageLimits limits() {
        return limits;
    }

    /**
     * @param bytes      the complete encoded file
     * @param sourceName how to name the file in messages (e.g. its path)
     * @return the decoded image, in 8-bit grey or BGR
     * @throws ImageRejectedException with the reason and a message naming the file and the problem
     */
    public DecodedImage decode(byte[] bytes, String sourceName) throws ImageRejectedException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new ImageRejectedException(RejectReason.EMPTY_FILE, sourceName + ": file is empty (0 bytes)");
        }
        ImageFormat format = ImageSignatures.sniff(bytes).orElseThrow(() -> new ImageRejectedException(
                RejectReason.NOT_AN_IMAGE, sourceName + ": not a JPEG, PNG, GIF, BMP or PGM image (first bytes: "
                + describeHead(bytes) + ")"));
        BufferedImage image = switch (format) {
            case PGM -> decodePgm(bytes, sourceName);
            case JPEG -> {
                JpegStructure.verifyComplete(bytes, sourceName);
                yield decodeWithImageIo(bytes, format, sourceName);
            }
            case PNG -> {
                PngStructure.verifyComplete(bytes, sourceName);
                yield decodeWithImageIo(bytes, format, sourceName);
            }
            case GIF -> {
                GifStructure.verifyComplete(bytes, sourceName);
                yield decodeWithImageIo(bytes, format, sourceName);
            }
            case BMP -> {
                BmpStructure.verifyComplete(bytes, sourceName);
                yield decodeWithImageIo(bytes, format, sourceName);
            }
        };
        return DecodedImage.of(PixelLayout.normalise(image), format);
    }

    private BufferedImage decodePgm(byte[] bytes, String sourceName) throws ImageRejectedException {
        PgmDecoder.Header header = PgmDecoder.readHeader(bytes, sourceName);
        checkSize(header.width(), header.height(), ImageFormat.PGM, sourceName);
        return PgmDecoder.decode(bytes, header, sourceName);
    }

    private BufferedImage decodeWithImageIo(byte[] bytes, ImageFormat format, String sourceName)
            throws ImageRejectedException {
        ImageReader reader = readerFor(format);
        List<String> warnings = new ArrayList<>();
        IIOReadWarningListener listener = (source, warning) -> warnings.add(warning);
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            reader.addIIOReadWarningListener(listener);
            checkSize(reader.getWidth(0), reader.getHeight(0), format, sourceName);
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                throw rejectForWarnings(warnings, format, sourceName);
            }
            return image;
        } catch (IOException | RuntimeException e) {
            // IIOException for what the decoder detects; broken files also make some ImageIO plugins
            // throw unchecked exceptions (index out of bounds, negative array size, ...).
            throw new ImageRejectedException(RejectReason.UNDECODABLE,
                    sourceName + ": " + format + " decoder failed: " + messageOf(e), e);
        } finally {
            reader.dispose();
        }
    }

    private void checkSize(int width, int height, ImageFormat format, String sourceName)
            throws ImageRejectedException {
        if ((long) width * height > limits.maxPixels()) {
            throw new ImageRejectedException(RejectReason.UNDECODABLE, sourceName + ": " + format + " declares "
                    + width + "x" + height + " pixels, more than the limit of " + limits.maxPixels());
        }
        if (width < limits.minWidth() || height < limits.minHeight()) {
            throw new ImageRejectedException(RejectReason.TOO_SMALL, sourceName + ": " + width + "x" + height
                    + " is smaller than the minimum " + limits.minWidth() + "x" + limits.minHeight());
        }
    }

    private static ImageRejectedException rejectForWarnings(List<String> warnings, ImageFormat format,
                                                            String sourceName) {
        String joined = String.join("; ", warnings);
        String lower = joined.toLowerCase(Locale.ROOT);
        boolean truncated = lower.contains("truncated") || lower.contains("premature end") || lower.contains("eoi");
        return new ImageRejectedException(truncated ? RejectReason.TRUNCATED : RejectReason.UNDECODABLE,
                sourceName + ": " + format + " decoder reported " + (truncated ? "missing data" : "corrupt data")
                        + ": " + joined);
    }

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JVM has no ImageIO reader for " + format);
        }
        return readers.next();
    }

    private static String messageOf(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String describeHead(byte[] bytes) {
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            head.append(String.format("%02X", bytes[i] & 0xFF));
        }
        return head.toString();
    }
}
