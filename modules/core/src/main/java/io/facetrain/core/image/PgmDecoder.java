package io.facetrain.core.image;

import io.facetrain.schema.RejectReason;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Decodes netpbm greymaps, which javax.imageio cannot read: binary (P5) and plain-text (P2), with
 * comments in the header and any maxval up to 65535 (two big-endian bytes per sample above 255).
 * Samples are rescaled to 8 bits.
 */
final class PgmDecoder {

    private static final int MAX_MAXVAL = 65535;

    private PgmDecoder() {
    }

    /** Header values; {@code rasterStart} is the first pixel byte (P5) or character (P2). */
    record Header(boolean binary, int width, int height, int maxval, int rasterStart) {
    }

    static Header readHeader(byte[] bytes, String sourceName) throws ImageRejectedException {
        Tokens tokens = new Tokens(bytes, 2, sourceName);
        int width = tokens.nextHeaderNumber("width");
        int height = tokens.nextHeaderNumber("height");
        int maxval = tokens.nextHeaderNumber("maxval");
        if (width < 1 || height < 1) {
            throw new ImageRejectedException(RejectReason.UNDECODABLE,
                    sourceName + ": PGM declares a size of " + width + "x" + height);
        }
        if (maxval < 1 || maxval > MAX_MAXVAL) {
            throw new ImageRejectedException(RejectReason.UNDECODABLE,
                    sourceName + ": PGM maxval " + maxval + " is outside 1..65535");
        }
        // Exactly one whitespace byte separates maxval from the raster.
        int rasterStart = tokens.position() + 1;
        if (rasterStart > bytes.length) {
            throw new ImageRejectedException(RejectReason.TRUNCATED, sourceName + ": PGM ends inside its header");
        }
        return new Header(bytes[1] == '5', width, height, maxval, rasterStart);
    }

    static BufferedImage decode(byte[] bytes, Header header, String sourceName) throws ImageRejectedException {
        BufferedImage image = new BufferedImage(header.width(), header.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        if (header.binary()) {
            readBinary(bytes, header, pixels, sourceName);
        } else {
            readPlain(bytes, header, pixels, sourceName);
        }
        return image;
    }

    private static void readBinary(byte[] bytes, Header header, byte[] pixels, String sourceName)
            throws ImageRejectedException {
        int bytesPerSample = header.maxval() > 255 ? 2 : 1;
        long needed = (long) pixels.length * bytesPerSample;
        long available = bytes.length - (long) header.rasterStart();
        if (available < needed) {
            throw new ImageRejectedException(RejectReason.TRUNCATED, sourceName + ": PGM needs " + needed
                    + " bytes of pixel data for " + header.width() + "x" + header.height() + ", has " + available);
        }
        int pos = header.rasterStart();
        if (header.maxval() == 255) {
            // 8-bit samples are the pixels as they are: no scaling, no range to check.
            System.arraycopy(bytes, pos, pixels, 0, pixels.length);
            return;
        }
        for (int i = 0; i < pixels.length; i++) {
            int sample = bytesPerSample == 1 ? bytes[pos] & 0xFF : (bytes[pos] & 0xFF) << 8 | (bytes[pos + 1] & 0xFF);
            pos += bytesPerSample;
            pixels[i] = scaled(sample, i, header, sourceName);
        }
    }

    private static void readPlain(byte[] bytes, Header header, byte[] pixels, String sourceName)
            throws ImageRejectedException {
        Tokens tokens = new Tokens(bytes, header.rasterStart(), sourceName);
        for (int i = 0; i < pixels.length; i++) {
            int sample = tokens.nextSample(i, pixels.length);
            pixels[i] = scaled(sample, i, header, sourceName);
        }
    }

    private static byte scaled(int sample, int index, Header header, String sourceName) throws ImageRejectedException {
        if (sample > header.maxval()) {
            throw new ImageRejectedException(RejectReason.UNDECODABLE, sourceName + ": PGM sample " + sample
                    + " at pixel " + index + " exceeds maxval " + header.maxval());
        }
        return (byte) ((sample * 255L + header.maxval() / 2) / header.maxval());
    }

    /** Whitespace-separated decimal numbers, with '#' comments to end of line (header only). */
    private static final class Tokens {
        private final byte[] bytes;
        private final String sourceName;
        private int pos;

        Tokens(byte[] bytes, int start, String sourceName) {
            this.bytes = bytes;
            this.pos = start;
            this.sourceName = sourceName;
        }

        int position() {
            return pos;
        }

        int nextHeaderNumber(String what) throws ImageRejectedException {
            skipWhitespaceAndComments();
            if (pos >= bytes.length) {
                throw new ImageRejectedException(RejectReason.TRUNCATED,
                        sourceName + ": PGM ends before its header's " + what);
            }
            return number(what);
        }

        int nextSample(int index, int count) throws ImageRejectedException {
            skipWhitespaceAndComments();
            if (pos >= bytes.length) {
                throw new ImageRejectedException(RejectReason.TRUNCATED,
                        sourceName + ": plain PGM has " + index + " of its " + count + " samples");
            }
            return number("sample " + index);
        }

        private void skipWhitespaceAndComments() {
            while (pos < bytes.length) {
                if (ImageSignatures.isWhitespace(bytes[pos])) {
                    pos++;
                } else if (bytes[pos] == '#') {
                    while (pos < bytes.length && bytes[pos] != '\n' && bytes[pos] != '\r') {
                        pos++;
                    }
                } else {
                    return;
                }
            }
        }

        private int number(String what) throws ImageRejectedException {
            long value = 0;
            int start = pos;
            while (pos < bytes.length && bytes[pos] >= '0' && bytes[pos] <= '9') {
                value = value * 10 + (bytes[pos] - '0');
                if (value > Integer.MAX_VALUE) {
                    throw new ImageRejectedException(RejectReason.UNDECODABLE,
                            sourceName + ": PGM " + what + " at byte " + start + " is too large");
                }
                pos++;
            }
            if (pos == start || (pos < bytes.length && !ImageSignatures.isWhitespace(bytes[pos]) && bytes[pos] != '#')) {
                throw new ImageRejectedException(RejectReason.UNDECODABLE,
                        sourceName + ": PGM " + what + " at byte " + start + " is not a decimal number");
            }
            return (int) value;
        }
    }
}
