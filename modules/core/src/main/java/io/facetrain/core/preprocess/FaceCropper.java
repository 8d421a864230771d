package io.facetrain.core.preprocess;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Objects;

/**
 * Turns a decoded image into the cached form training and evaluation read from: the central crop (plus
 * the jitter margin on every side), converted to grey or colour and resized to
 * {@link PreprocessConfig#cachedSize()} pixels square, as 8-bit planes (R, G, B or grey), row-major.
 * Caching bytes rather than floats keeps a 10k-image set of 76 px colour faces at ~170 MB.
 */
public final class FaceCropper {

    private final PreprocessConfig config;

    public FaceCropper(PreprocessConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public PreprocessConfig config() {
        return config;
    }

    /** Number of bytes of one cached image. */
    public int cachedBytes() {
        return config.channels() * config.cachedSize() * config.cachedSize();
    }

    /**
     * @return {@code channels × cachedSize × cachedSize} bytes, plane by plane
     */
    public byte[] crop(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[][] planes = planes(image, config.channels());
        double crop = config.cropFraction() * Math.min(w, h);
        double side = crop * config.cachedSize() / config.inputSize();
        double x0 = (w - side) / 2.0;
        double y0 = (h - side) / 2.0;
        int size = config.cachedSize();
        byte[] out = new byte[planes.length * size * size];
        for (int c = 0; c < planes.length; c++) {
            byte[] p = Resampler.resample(planes[c], w, h, x0, y0, side, size);
            System.arraycopy(p, 0, out, c * size * size, size * size);
        }
        return out;
    }

    /** The image as {@code channels} planes of 0–255 ints; colour to grey uses ITU-R BT.601 luma weights. */
    static int[][] planes(BufferedImage image, int channels) {
        int w = image.getWidth();
        int h = image.getHeight();
        int n = w * h;
        int[] r = new int[n];
        int[] g = new int[n];
        int[] b = new int[n];
        boolean grey = false;
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY
                && image.getRaster().getDataBuffer() instanceof DataBufferByte) {
            image.getRaster().getSamples(0, 0, w, h, 0, r);
            grey = true;
        } else if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            image.getRaster().getSamples(0, 0, w, h, 0, r);
            image.getRaster().getSamples(0, 0, w, h, 1, g);
            image.getRaster().getSamples(0, 0, w, h, 2, b);
        } else {
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < n; i++) {
                r[i] = (argb[i] >> 16) & 0xff;
                g[i] = (argb[i] >> 8) & 0xff;
                b[i] = argb[i] & 0xff;
            }
        }
        if (grey) {
            return channels == 1 ? new int[][] {r} : new int[][] {r, r.clone(), r.clone()};
        }
        if (channels == 3) {
            return new int[][] {r, g, b};
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (int) Math.round(0.299 * r[i] + 0.587 * g[i] + 0.114 * b[i]);
        }
        return new int[][] {y};
    }
}
