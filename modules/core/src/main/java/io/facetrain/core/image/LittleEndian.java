package io.facetrain.core.image;

/** Reads little-endian integers from a byte array (BMP and GIF headers). */
final class LittleEndian {

    private LittleEndian() {
    }

    static int uint16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static long uint32(byte[] b, int at) {
        return int32(b, at) & 0xFFFF_FFFFL;
    }
}
