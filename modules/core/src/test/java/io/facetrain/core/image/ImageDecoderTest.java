package io.facetrain.core.image;

import io.facetrain.schema.ImageFormat;
import io.facetrain.schema.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDecoderTest {

    private static final int W = 48;
    private static final int H = 40;

    private final ImageDecoder decoder = new ImageDecoder(new ImageLimits(32, 32, 1_000_000));

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void decodesGreyscaleInEveryFormat(ImageFormat format) throws ImageRejectedException {
        BufferedImage original = TestImages.pattern(W, H, false, 3);

        DecodedImage decoded = decoder.decode(TestImages.encode(original, format), "grey." + format);

        assertEquals(format, decoded.format());
        assertEquals(1, decoded.channels());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, decoded.image().getType());
        assertEquals(W, decoded.width());
        assertEquals(H, decoded.height());
        if (format == ImageFormat.JPEG) {
            assertMeanDifferenceBelow(original, decoded.image(), 3);
        } else {
            assertPixelsClose(original, decoded.image(), 0);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"JPEG", "PNG", "GIF", "BMP"})
    void decodesColourInEveryColourFormat(ImageFormat format) throws ImageRejectedException {
        BufferedImage original = TestImages.pattern(W, H, true, 5);

        DecodedImage decoded = decoder.decode(TestImages.encode(original, format), "colour." + format);

        assertEquals(format, decoded.format());
        assertEquals(3, decoded.channels());
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, decoded.image().getType());
        assertEquals(W, decoded.width());
        // JPEG is lossy and GIF quantises to a 256-colour palette; PNG and BMP are exact.
        if (format == ImageFormat.JPEG || format == ImageFormat.GIF) {
            assertMeanDifferenceBelow(original, decoded.image(), 12);
        } else {
            assertPixelsClose(original, decoded.image(), 0);
        }
    }

    @Test
    void sixteenBitGreyPngIsScaledToEightBits() throws Exception {
        BufferedImage wide = new BufferedImage(W, H, BufferedImage.TYPE_USHORT_GRAY);
        wide.getRaster().setSample(0, 0, 0, 65535);
        wide.getRaster().setSample(1, 0, 0, 32896); // 128 * 257
        DecodedImage decoded = decoder.decode(imageIo(wide, "png"), "wide.png");

        assertEquals(1, decoded.channels());
        assertEquals(255, decoded.image().getRaster().getSample(0, 0, 0));
        assertEquals(128, decoded.image().getRaster().getSample(1, 0, 0));
        assertEquals(0, decoded.image().getRaster().getSample(2, 0, 0));
    }

    @Test
    void alphaIsDroppedAndColourKept() throws Exception {
        BufferedImage argb = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80_10_20_30);
        DecodedImage decoded = decoder.decode(imageIo(argb, "png"), "alpha.png");

        assertEquals(3, decoded.channels());
        assertEquals(0x10_20_30, decoded.image().getRGB(0, 0) & 0xFF_FF_FF);
    }

    @Test
    void plainAndSixteenBitPgmDecode() throws ImageRejectedException {
        BufferedImage grey = TestImages.pattern(W, H, false, 9);

        DecodedImage plain = decoder.decode(TestImages.pgm(grey, 255, false, "# plain"), "plain.pgm");
        DecodedImage wide = decoder.decode(TestImages.pgm(grey, 65535, true, null), "wide.pgm");
        DecodedImage odd = decoder.decode(TestImages.pgm(grey, 1000, true, "# maxval 1000"), "odd.pgm");

        assertPixelsClose(grey, plain.image(), 0);
        assertPixelsClose(grey, wide.image(), 0);
        assertPixelsClose(grey, odd.image(), 1);
    }

    @Test
    void pgmHeaderWithCommentsBetweenEveryToken() throws ImageRejectedException {
        byte[] pgm = ("P2\n# a\n2 # b\n# c\n1\n# d\n4\n0 4\n").getBytes(StandardCharsets.US_ASCII);
        DecodedImage decoded = new ImageDecoder().decode(pgm, "comments.pgm");

        assertEquals(2, decoded.width());
        assertEquals(1, decoded.height());
        assertEquals(0, decoded.image().getRaster().getSample(0, 0, 0));
        assertEquals(255, decoded.image().getRaster().getSample(1, 0, 0));
    }

    @Test
    void formatComesFromTheBytesNotTheName() throws ImageRejectedException {
        byte[] png = TestImages.encode(TestImages.pattern(W, H, true, 1), ImageFormat.PNG);
        assertEquals(ImageFormat.PNG, decoder.decode(png, "photo.jpg").format());
    }

    @Test
    void progressiveJpegIsComplete() throws ImageRejectedException {
        byte[] jpeg = TestImages.progressiveJpeg(TestImages.pattern(W, H, true, 2));
        assertEquals(3, decoder.decode(jpeg, "progressive.jpg").channels());
    }

    @Test
    void bytesAfterTheJpegEndMarkerAreAccepted() throws ImageRejectedException {
        byte[] jpeg = TestImages.encode(TestImages.pattern(W, H, true, 2), ImageFormat.JPEG);
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 100);
        Arrays.fill(padded, jpeg.length, padded.length, (byte) 0x42);
        assertEquals(W, decoder.decode(padded, "trailer.jpg").width());
    }

    @Test
    void emptyFile() {
        assertRejected(RejectReason.EMPTY_FILE, new byte[0], "empty.jpg");
    }

    @Test
    void textIsNotAnImage() {
        assertRejected(RejectReason.NOT_AN_IMAGE, "Hello, this is a README".getBytes(StandardCharsets.UTF_8), "README.jpg");
        // "BM" alone must not make a text file a bitmap.
        assertRejected(RejectReason.NOT_AN_IMAGE, "BMW owners club minutes, 1998".getBytes(StandardCharsets.UTF_8), "bmw.bmp");
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void truncatedFilesAreDetectedInEveryFormat(ImageFormat format) {
        byte[] whole = TestImages.encode(TestImages.pattern(W, H, false, 4), format);
        for (double fraction : new double[] {0.5, 0.9}) {
            byte[] cut = TestImages.truncate(whole, fraction);
            ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> decoder.decode(cut, "cut"),
                    format + " cut to " + fraction);
            assertEquals(RejectReason.TRUNCATED, e.reason(), e.getMessage());
        }
    }

    @Test
    void jpegMissingOnlyItsEndMarkerIsTruncated() {
        byte[] whole = TestImages.encode(TestImages.pattern(W, H, true, 4), ImageFormat.JPEG);
        assertRejected(RejectReason.TRUNCATED, Arrays.copyOf(whole, whole.length - 2), "no-eoi.jpg");
    }

    @Test
    void corruptPngDataFailsItsChecksum() {
        byte[] png = TestImages.encode(TestImages.pattern(W, H, true, 4), ImageFormat.PNG);
        png[png.length / 2] ^= 0x5A;
        ImageRejectedException e = assertRejected(RejectReason.UNDECODABLE, png, "flipped.png");
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());
    }

    @Test
    void jpegWithImpossibleFrameHeaderIsUndecodable() {
        byte[] jpeg = TestImages.encode(TestImages.pattern(W, H, true, 4), ImageFormat.JPEG);
        int frame = indexOf(jpeg, (byte) 0xFF, (byte) 0xC0);
        assertTrue(frame > 0, "baseline JPEG without SOF0");
        jpeg[frame + 4] = 3; // sample precision: only 8 or 12 bits exist
        ImageRejectedException e = assertRejected(RejectReason.UNDECODABLE, jpeg, "precision.jpg");
        assertTrue(e.getMessage().contains("decoder failed"), e.getMessage());
    }

    @Test
    void tooSmallImagesAreRejectedInEveryFormat() {
        for (ImageFormat format : ImageFormat.values()) {
            byte[] tiny = TestImages.encode(TestImages.pattern(16, 48, false, 1), format);
            ImageRejectedException e = assertRejected(RejectReason.TOO_SMALL, tiny, "tiny." + format);
            assertTrue(e.getMessage().contains("16x48"), e.getMessage());
        }
    }

    @Test
    void hugeDeclaredSizeIsRefusedBeforeAllocating() {
        byte[] bomb = "P5\n100000 100000\n255\n".getBytes(StandardCharsets.US_ASCII);
        ImageRejectedException e = assertRejected(RejectReason.UNDECODABLE, bomb, "bomb.pgm");
        assertTrue(e.getMessage().contains("more than the limit"), e.getMessage());
    }

    @Test
    void pgmSampleAboveMaxvalIsUndecodable() {
        byte[] pgm = "P2\n2 1\n10\n3 11\n".getBytes(StandardCharsets.US_ASCII);
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> new ImageDecoder().decode(pgm, "over.pgm"));
        assertEquals(RejectReason.UNDECODABLE, e.reason());
    }

    @Test
    void plainPgmWithMissingSamplesIsTruncated() {
        byte[] pgm = "P2\n3 1\n255\n1 2".getBytes(StandardCharsets.US_ASCII);
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> new ImageDecoder().decode(pgm, "short.pgm"));
        assertEquals(RejectReason.TRUNCATED, e.reason());
    }

    @Test
    void messagesNameTheSource() {
        ImageRejectedException e = assertRejected(RejectReason.EMPTY_FILE, new byte[0], "Some_Person/Some_Person_0001.jpg");
        assertTrue(e.getMessage().startsWith("Some_Person/Some_Person_0001.jpg: "), e.getMessage());
    }

    private ImageRejectedException assertRejected(RejectReason reason, byte[] bytes, String name) {
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> decoder.decode(bytes, name));
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    private static byte[] imageIo(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out));
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte first, byte second) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == first && bytes[i + 1] == second) {
                return i;
            }
        }
        return -1;
    }

    private static int[] channels(BufferedImage image, int x, int y) {
        int rgb = image.getType() == BufferedImage.TYPE_BYTE_GRAY
                ? image.getRaster().getSample(x, y, 0) * 0x010101 : image.getRGB(x, y);
        return new int[] {rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF};
    }

    private static void assertMeanDifferenceBelow(BufferedImage expected, BufferedImage actual, double bound) {
        double sum = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int[] e = channels(expected, x, y);
                int[] a = channels(actual, x, y);
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(e[c] - a[c]);
                }
            }
        }
        double mean = sum / (3.0 * expected.getWidth() * expected.getHeight());
        assertTrue(mean < bound, "mean channel difference " + mean + " >= " + bound);
    }

    private static void assertPixelsClose(BufferedImage expected, BufferedImage actual, int tolerance) {
        int worst = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int[] e = channels(expected, x, y);
                int[] a = channels(actual, x, y);
                for (int c = 0; c < 3; c++) {
                    worst = Math.max(worst, Math.abs(e[c] - a[c]));
                }
            }
        }
        assertTrue(worst <= tolerance, "largest channel difference " + worst + " > " + tolerance);
    }
}
