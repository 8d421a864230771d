package io.facetrain.core.image;

/** Reads big-endian integers from a byte array (PNG chunks). */
final class BigEndian {

    private BigEndian() {
    }

    static long uint32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
