package io.facetrain.core.image;

import io.facetrain.schema.RejectReason;

/**
 * Checks that a BMP holds all the pixel data its header promises. For uncompressed bitmaps the size is
 * exact (rows padded to 4 bytes); for run-length encoded ones the header's file size is the bound.
 */
final class BmpStructure {

    private static final int FILE_HEADER = 14;
    private static final int CORE_HEADER = 12;
    private static final int BI_RGB = 0;
    private static final int BI_BITFIELDS = 3;

    private BmpStructure() {
    }

    static void verifyComplete(byte[] bytes, String sourceName) throws ImageRejectedException {
        int dibHeaderSize = LittleEndian.int32(bytes, FILE_HEADER);
        if (bytes.length < FILE_HEADER + dibHeaderSize) {
            throw truncated(bytes, sourceName, FILE_HEADER + (long) dibHeaderSize);
        }
        long fileSize = LittleEndian.uint32(bytes, 2);
        long pixelOffset = LittleEndian.uint32(bytes, 10);
        long width;
        long height;
        int bitsPerPixel;
        long compression;
        if (dibHeaderSize == CORE_HEADER) {
            width = LittleEndian.uint16(bytes, 18);
            height = LittleEndian.uint16(bytes, 20);
            bitsPerPixel = LittleEndian.uint16(bytes, 24);
            compression = BI_RGB;
        } else {
            width = LittleEndian.int32(bytes, 18);
            height = Math.abs((long) LittleEndian.int32(bytes, 22)); // negative height: top-down rows
            bitsPerPixel = LittleEndian.uint16(bytes, 28);
            compression = LittleEndian.uint32(bytes, 30);
        }
        if (width <= 0 || height <= 0 || bitsPerPixel <= 0) {
            throw new ImageRejectedException(RejectReason.UNDECODABLE, sourceName + ": BMP header declares "
                    + width + "x" + height + " at " + bitsPerPixel + " bits per pixel");
        }
        long required;
        if (compression == BI_RGB || compression == BI_BITFIELDS) {
            long rowBytes = (bitsPerPixel * width + 31) / 32 * 4;
            required = pixelOffset + rowBytes * height;
        } else {
            required = fileSize;
        }
        if (bytes.length < required) {
            throw truncated(bytes, sourceName, required);
        }
    }

    private static ImageRejectedException truncated(byte[] bytes, String sourceName, long required) {
        return new ImageRejectedException(RejectReason.TRUNCATED,
                sourceName + ": BMP has " + bytes.length + " bytes but its header needs " + required);
    }
}
