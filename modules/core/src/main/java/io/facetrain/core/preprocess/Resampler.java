package io.facetrain.core.preprocess;

/**
 * Resamples a rectangular region of an 8-bit image plane to a square of {@code size × size} pixels,
 * separably (rows, then columns). Each axis uses area averaging when shrinking (every source pixel the
 * output pixel covers contributes in proportion to the overlap, so no aliasing) and bilinear
 * interpolation when enlarging. Coordinates outside the source are clamped to its edge pixels.
 * Deterministic and independent of AWT rendering hints.
 */
final class Resampler {

    private Resampler() {
    }

    /**
     * @param plane  source values (0–255), row-major {@code width × height}
     * @param x0     left edge of the region, in source pixels (may be fractional or outside the image)
     * @param y0     top edge of the region
     * @param side   side of the square region, in source pixels
     * @param size   side of the output
     * @return the output plane, {@code size × size}, rounded to 0–255
     */
    static byte[] resample(int[] plane, int width, int height, double x0, double y0, double side, int size) {
        Kernel kx = Kernel.of(x0, side, size, width);
        Kernel ky = Kernel.of(y0, side, size, height);
        // Rows first, only those the vertical kernel touches.
        double[] rows = new double[height * size];
        boolean[] needed = new boolean[height];
        for (int o = 0; o < size; o++) {
            for (int k = ky.start[o]; k < ky.start[o + 1]; k++) {
                needed[ky.index[k]] = true;
            }
        }
        for (int y = 0; y < height; y++) {
            if (!needed[y]) {
                continue;
            }
            int base = y * width;
            for (int o = 0; o < size; o++) {
                double s = 0;
                for (int k = kx.start[o]; k < kx.start[o + 1]; k++) {
                    s += kx.weight[k] * plane[base + kx.index[k]];
                }
                rows[y * size + o] = s;
            }
        }
        byte[] out = new byte[size * size];
        for (int oy = 0; oy < size; oy++) {
            for (int ox = 0; ox < size; ox++) {
                double s = 0;
                for (int k = ky.start[oy]; k < ky.start[oy + 1]; k++) {
                    s += ky.weight[k] * rows[ky.index[k] * size + ox];
                }
                long v = Math.round(s);
                out[oy * size + ox] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
        return out;
    }

    /** Per output coordinate, the contributing source indices and weights (compressed rows). */
    private static final class Kernel {
        final int[] start;
        final int[] index;
        final double[] weight;

        private Kernel(int[] start, int[] index, double[] weight) {
            this.start = start;
            this.index = index;
            this.weight = weight;
        }

        static Kernel of(double origin, double extent, int size, int limit) {
            double scale = extent / size;
            int[] start = new int[size + 1];
            int capacity = size * ((int) Math.ceil(Math.max(scale, 1.0)) + 2);
            int[] index = new int[capacity];
            double[] weight = new double[capacity];
            int n = 0;
            for (int o = 0; o < size; o++) {
                start[o] = n;
                if (scale >= 1.0) {
                    double lo = origin + o * scale;
                    double hi = lo + scale;
                    for (int p = (int) Math.floor(lo); p < hi; p++) {
                        double overlap = Math.min(hi, p + 1) - Math.max(lo, p);
                        if (overlap > 0) {
                            index[n] = clamp(p, limit);
                            weight[n] = overlap / scale;
                            n++;
                        }
                    }
                } else {
                    double centre = origin + (o + 0.5) * scale - 0.5;
                    int left = (int) Math.floor(centre);
                    double frac = centre - left;
                    index[n] = clamp(left, limit);
                    weight[n] = 1 - frac;
                    n++;
                    index[n] = clamp(left + 1, limit);
                    weight[n] = frac;
                    n++;
                }
            }
            start[size] = n;
            return new Kernel(start, index, weight);
        }

        private static int clamp(int p, int limit) {
            return p < 0 ? 0 : p >= limit ? limit - 1 : p;
        }
    }
}
