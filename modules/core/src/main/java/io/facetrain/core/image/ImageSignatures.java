package io.facetrain.core.image;

import io.facetrain.schema.ImageFormat;

import java.util.Optional;
import java.util.Set;

/**
 * Recognises an encoded image from its first bytes (its signature), never from the file name: a
 * README renamed to .jpg is still text, and a PNG saved as .jpg is still a PNG.
 */
public final class ImageSignatures {

    /** Enough leading bytes for every signature recognised here. */
    public static final int HEADER_BYTES = 18;

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] GIF87 = {'G', 'I', 'F', '8', '7', 'a'};
    private static final byte[] GIF89 = {'G', 'I', 'F', '8', '9', 'a'};
    /** BMP DIB header sizes: core, info, v2, v3, OS/2 v2, v4, v5. */
    private static final Set<Integer> BMP_DIB_HEADER_SIZES = Set.of(12, 40, 52, 56, 64, 108, 124);

    private ImageSignatures() {
    }

    /**
     * @param head the first bytes of a file (all of it, or at least {@link #HEADER_BYTES})
     * @return the format, or empty when the bytes are not one of the supported formats
     */
    public static Optional<ImageFormat> sniff(byte[] head) {
        if (startsWith(head, JPEG)) {
            return Optional.of(ImageFormat.JPEG);
        }
        if (startsWith(head, PNG)) {
            return Optional.of(ImageFormat.PNG);
        }
        if (startsWith(head, GIF87) || startsWith(head, GIF89)) {
            return Optional.of(ImageFormat.GIF);
        }
        if (isPgm(head)) {
            return Optional.of(ImageFormat.PGM);
        }
        if (isBmp(head)) {
            return Optional.of(ImageFormat.BMP);
        }
        return Optional.empty();
    }

    private static boolean isPgm(byte[] head) {
        return head.length >= 3 && head[0] == 'P' && (head[1] == '2' || head[1] == '5') && isWhitespace(head[2]);
    }

    /** "BM" alone matches text files; the DIB header size field makes the test specific. */
    private static boolean isBmp(byte[] head) {
        if (head.length < 18 || head[0] != 'B' || head[1] != 'M') {
            return false;
        }
        int dibHeaderSize = LittleEndian.int32(head, 14);
        return BMP_DIB_HEADER_SIZES.contains(dibHeaderSize);
    }

    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == 0x0C;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
