package io.facetrain.core.image;

import io.facetrain.schema.RejectReason;

/**
 * Walks the marker segments of a JPEG to its end-of-image marker (FFD9). ImageIO decodes a truncated
 * JPEG without an error, filling the missing rows with grey, so completeness is checked here. Segment
 * lengths are followed (an EXIF thumbnail's own FFD9 inside APP1 is skipped) and entropy-coded data
 * after each start-of-scan is scanned for the next real marker, so progressive files work too. Bytes
 * after the end-of-image marker are allowed: some cameras append data there.
 */
final class JpegStructure {

    private static final int MARKER = 0xFF;
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int TEM = 0x01;

    private JpegStructure() {
    }

    static void verifyComplete(byte[] bytes, String sourceName) throws ImageRejectedException {
        int length = bytes.length;
        int pos = 2; // after SOI, which the signature check has seen
        while (pos < length) {
            // Tolerate stray bytes before a marker as libjpeg does ("extraneous bytes before marker").
            while (pos < length && (bytes[pos] & 0xFF) != MARKER) {
                pos++;
            }
            // Any number of 0xFF fill bytes may precede the marker code.
            while (pos < length && (bytes[pos] & 0xFF) == MARKER) {
                pos++;
            }
            if (pos >= length) {
                break;
            }
            int marker = bytes[pos++] & 0xFF;
            if (marker == EOI) {
                return;
            }
            if (marker == SOI) {
                throw new ImageRejectedException(RejectReason.UNDECODABLE,
                        sourceName + ": JPEG has a second start-of-image marker at byte " + (pos - 2));
            }
            if (isStandalone(marker)) {
                continue;
            }
            if (pos + 2 > length) {
                break;
            }
            int segmentLength = (bytes[pos] & 0xFF) << 8 | (bytes[pos + 1] & 0xFF);
            if (segmentLength < 2) {
                throw new ImageRejectedException(RejectReason.UNDECODABLE, String.format(
                        "%s: JPEG segment FF%02X at byte %d has invalid length %d", sourceName, marker, pos - 2,
                        segmentLength));
            }
            pos += segmentLength;
            if (pos > length) {
                break;
            }
            if (marker == SOS) {
                pos = endOfEntropyCodedData(bytes, pos);
            }
        }
        throw new ImageRejectedException(RejectReason.TRUNCATED,
                sourceName + ": JPEG ends after " + length + " bytes without its end-of-image marker (FFD9)");
    }

    private static boolean isStandalone(int marker) {
        return marker == TEM || (marker >= 0xD0 && marker <= 0xD7);
    }

    /** Position of the marker that ends a scan, or the array length when the data runs out first. */
    private static int endOfEntropyCodedData(byte[] bytes, int from) {
        int pos = from;
        while (pos + 1 < bytes.length) {
            if ((bytes[pos] & 0xFF) == MARKER) {
                int next = bytes[pos + 1] & 0xFF;
                // 00 is a stuffed data byte, D0-D7 restart markers, FF fill: all belong to the scan.
                if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7) && next != MARKER) {
                    return pos;
                }
                pos += next == MARKER ? 1 : 2;
            } else {
                pos++;
            }
        }
        return bytes.length;
    }
}
