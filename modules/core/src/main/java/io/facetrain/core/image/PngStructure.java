package io.facetrain.core.image;

import io.facetrain.schema.RejectReason;

import java.util.zip.CRC32;

/**
 * Walks the chunks of a PNG to its IEND chunk and verifies every chunk's CRC. ImageIO neither
 * requires IEND nor checks CRCs, so a cut or bit-flipped file would otherwise decode to wrong pixels.
 */
final class PngStructure {

    private static final int SIGNATURE_LENGTH = 8;

    private PngStructure() {
    }

    static void verifyComplete(byte[] bytes, String sourceName) throws ImageRejectedException {
        CRC32 crc = new CRC32();
        int pos = SIGNATURE_LENGTH;
        while (pos + 8 <= bytes.length) {
            long dataLength = BigEndian.uint32(bytes, pos);
            String type = new String(bytes, pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (dataLength > Integer.MAX_VALUE - 12) {
                throw new ImageRejectedException(RejectReason.UNDECODABLE,
                        sourceName + ": PNG chunk '" + type + "' at byte " + pos + " declares " + dataLength + " bytes");
            }
            long end = pos + 8 + dataLength + 4;
            if (end > bytes.length) {
                break;
            }
            crc.reset();
            crc.update(bytes, pos + 4, 4 + (int) dataLength);
            long stored = BigEndian.uint32(bytes, pos + 8 + (int) dataLength);
            if (crc.getValue() != stored) {
                throw new ImageRejectedException(RejectReason.UNDECODABLE,
                        sourceName + ": PNG chunk '" + type + "' at byte " + pos + " fails its CRC check");
            }
            if (type.equals("IEND")) {
                return;
            }
            pos = (int) end;
        }
        throw new ImageRejectedException(RejectReason.TRUNCATED,
                sourceName + ": PNG ends after " + bytes.length + " bytes without its IEND chunk");
    }
}
