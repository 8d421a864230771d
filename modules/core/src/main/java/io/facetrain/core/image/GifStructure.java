package io.facetrain.core.image;

import io.facetrain.schema.RejectReason;

/**
 * Walks the blocks of a GIF (extensions and images, each a chain of data sub-blocks) to the trailer
 * byte 0x3B. A GIF cut short decodes in ImageIO as a partial picture without an error.
 */
final class GifStructure {

    private static final int HEADER_AND_SCREEN_DESCRIPTOR = 13;
    private static final int EXTENSION = 0x21;
    private static final int IMAGE_DESCRIPTOR = 0x2C;
    private static final int TRAILER = 0x3B;

    private GifStructure() {
    }

    static void verifyComplete(byte[] bytes, String sourceName) throws ImageRejectedException {
        if (bytes.length < HEADER_AND_SCREEN_DESCRIPTOR) {
            throw truncated(bytes, sourceName);
        }
        int pos = HEADER_AND_SCREEN_DESCRIPTOR + colourTableLength(bytes[10]);
        while (pos < bytes.length) {
            int block = bytes[pos] & 0xFF;
            if (block == TRAILER) {
                return;
            }
            if (block == EXTENSION) {
                pos = skipSubBlocks(bytes, pos + 2);
            } else if (block == IMAGE_DESCRIPTOR) {
                if (pos + 10 > bytes.length) {
                    break;
                }
                pos += 10 + colourTableLength(bytes[pos + 9]);
                pos = skipSubBlocks(bytes, pos + 1); // +1: the LZW minimum code size byte
            } else {
                throw new ImageRejectedException(RejectReason.UNDECODABLE, String.format(
                        "%s: GIF has an unknown block 0x%02X at byte %d", sourceName, block, pos));
            }
        }
        throw truncated(bytes, sourceName);
    }

    private static int colourTableLength(byte packedFields) {
        return (packedFields & 0x80) == 0 ? 0 : 3 * (1 << ((packedFields & 0x07) + 1));
    }

    /** Position after the zero-length terminator, or past the end when the chain is cut. */
    private static int skipSubBlocks(byte[] bytes, int from) {
        int pos = from;
        while (pos < bytes.length) {
            int size = bytes[pos] & 0xFF;
            pos += 1 + size;
            if (size == 0) {
                return pos;
            }
        }
        return bytes.length;
    }

    private static ImageRejectedException truncated(byte[] bytes, String sourceName) {
        return new ImageRejectedException(RejectReason.TRUNCATED,
                sourceName + ": GIF ends after " + bytes.length + " bytes without its trailer (0x3B)");
    }
}
