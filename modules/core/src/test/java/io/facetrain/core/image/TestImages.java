package io.facetrain.core.image;

import io.facetrain.schema.ImageFormat;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Test images written on the fly (no binary fixtures in the repository): deterministic patterns in
 * every supported format, greyscale or colour, and ways to damage them. Shared with other modules'
 * tests through the core test-jar.
 */
public final class TestImages {

    private TestImages() {
    }

    /** A smooth pattern whose pixels depend on position and {@code seed}: distinct seeds give distinct bytes. */
    public static BufferedImage pattern(int width, int height, boolean colour, int seed) {
        BufferedImage image = new BufferedImage(width, height,
                colour ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255 / Math.max(1, width - 1) + seed * 37) & 0xFF;
                int g = (y * 255 / Math.max(1, height - 1) + seed * 11) & 0xFF;
                int b = ((x + y) * 4 + seed * 101) & 0xFF;
                if (colour) {
                    image.setRGB(x, y, r << 16 | g << 8 | b);
                } else {
                    image.getRaster().setSample(x, y, 0, (r + g) / 2);
                }
            }
        }
        return image;
    }

    /** Encodes with ImageIO (JPEG, PNG, GIF, BMP) or the netpbm binary format (PGM, grey only). */
    public static byte[] encode(BufferedImage image, ImageFormat format) {
        if (format == ImageFormat.PGM) {
            return pgm(image, 255, true, "# written by TestImages");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format.name().toLowerCase(Locale.ROOT), out)) {
                throw new IllegalStateException("ImageIO cannot write " + format + " from image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A progressive JPEG: several scans, each with its own start-of-scan segment. */
    public static byte[] progressiveJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A PGM of a grey image. {@code maxval} above 255 writes two big-endian bytes per sample, scaled up
     * from the 8-bit pixels; {@code binary=false} writes the plain (P2) text form.
     */
    public static byte[] pgm(BufferedImage grey, int maxval, boolean binary, String comment) {
        int width = grey.getWidth();
        int height = grey.getHeight();
        StringBuilder header = new StringBuilder(binary ? "P5\n" : "P2\n");
        if (comment != null) {
            header.append(comment).append('\n');
        }
        header.append(width).append(' ').append(height).append('\n').append(maxval).append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        for (int y = 0; y < height; y++) {
            StringBuilder line = new StringBuilder();
            for (int x = 0; x < width; x++) {
                int sample = (int) Math.round(grey.getRaster().getSample(x, y, 0) * (double) maxval / 255);
                if (!binary) {
                    line.append(sample).append(x + 1 < width ? " " : "\n");
                } else if (maxval > 255) {
                    out.write(sample >> 8);
                    out.write(sample & 0xFF);
                } else {
                    out.write(sample);
                }
            }
            out.writeBytes(line.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** The first {@code fraction} of the bytes, as a download or copy cut short would leave them. */
    public static byte[] truncate(byte[] bytes, double fraction) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }
}
