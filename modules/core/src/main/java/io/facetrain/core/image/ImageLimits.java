package io.facetrain.core.image;

/**
 * Size bounds an image must meet to be accepted. The pixel bound guards against decompression bombs
 * (a tiny file declaring a huge image): it is checked from the header, before pixels are allocated.
 *
 * @param minWidth  smallest accepted width in pixels (at least 1)
 * @param minHeight smallest accepted height in pixels (at least 1)
 * @param maxPixels largest accepted width × height
 */
public record ImageLimits(int minWidth, int minHeight, long maxPixels) {

    /** No practical minimum and a 100-megapixel ceiling: for callers that only need pixels. */
    public static final ImageLimits LENIENT = new ImageLimits(1, 1, 100_000_000L);

    public ImageLimits {
        if (minWidth < 1) {
            throw new IllegalArgumentException("min-width must be at least 1, got " + minWidth);
        }
        if (minHeight < 1) {
            throw new IllegalArgumentException("min-height must be at least 1, got " + minHeight);
        }
        if (maxPixels < (long) minWidth * minHeight) {
            throw new IllegalArgumentException("max-pixels must be at least min-width × min-height = "
                    + (long) minWidth * minHeight + ", got " + maxPixels);
        }
    }
}
