package io.facetrain.core.baseline;

import java.awt.image.BufferedImage;

/**
 * Ways of turning an image into a raw pixel vector for the L2 baseline, from the plainest to ones that
 * give raw pixels their best chance: greyscale ignores colour casts, the centre crop ignores most of the
 * background, and standardising removes overall brightness and contrast.
 */
public enum PixelView {
    /** Every RGB value in [0, 1]. */
    RGB(false, false, false),
    /** Luma (BT.601 weights) in [0, 1]. */
    GREY(true, false, false),
    /** RGB of the central half of the width and height (a quarter of the area). */
    CENTRE_RGB(false, true, false),
    /** Luma of the central crop. */
    CENTRE_GREY(true, true, false),
    /** Luma of the central crop, shifted to mean 0 and scaled to unit standard deviation. */
    CENTRE_GREY_STANDARDISED(true, true, true);

    private final boolean grey;
    private final boolean centre;
    private final boolean standardised;

    PixelView(boolean grey, boolean centre, boolean standardised) {
        this.grey = grey;
        this.centre = centre;
        this.standardised = standardised;
    }

    /** The pixel vector of {@code image} under this view. */
    public float[] vector(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int x0 = centre ? width / 4 : 0;
        int y0 = centre ? height / 4 : 0;
        int w = centre ? width / 2 : width;
        int h = centre ? height / 2 : height;
        int[] rgb = image.getRGB(x0, y0, w, h, null, 0, w);
        float[] vector = new float[rgb.length * (grey ? 1 : 3)];
        for (int i = 0; i < rgb.length; i++) {
            float r = ((rgb[i] >> 16) & 0xFF) / 255f;
            float g = ((rgb[i] >> 8) & 0xFF) / 255f;
            float b = (rgb[i] & 0xFF) / 255f;
            if (grey) {
                vector[i] = 0.299f * r + 0.587f * g + 0.114f * b;
            } else {
                vector[3 * i] = r;
                vector[3 * i + 1] = g;
                vector[3 * i + 2] = b;
            }
        }
        if (standardised) {
            standardise(vector);
        }
        return vector;
    }

    private static void standardise(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v;
        }
        double mean = sum / vector.length;
        double squares = 0;
        for (float v : vector) {
            squares += (v - mean) * (v - mean);
        }
        // A flat crop has no contrast to normalise; leave it centred only.
        double std = Math.sqrt(squares / vector.length);
        double scale = std > 1e-9 ? 1 / std : 1;
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) ((vector[i] - mean) * scale);
        }
    }

    /** Euclidean distance between two vectors of one view. */
    public static double distance(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length
                    + " (images of different sizes?)");
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
