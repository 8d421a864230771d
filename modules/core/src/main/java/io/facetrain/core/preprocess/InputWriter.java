package io.facetrain.core.preprocess;

import java.util.Objects;
import java.util.Random;

/**
 * Writes network inputs (floats, channels-first) from cached faces ({@link FaceCropper}).
 *
 * <p>Training ({@link #writeTraining}): a crop shifted by up to the jitter margin in each direction, a
 * horizontal flip with probability ½, a contrast factor in [1 − c, 1 + c] around the crop's mean and a
 * brightness offset in [−b, b] × 255, clamped to 0–255, then normalised. Random draws happen in that order
 * from the caller's seeded {@link Random}, so a run is reproducible. Evaluation ({@link #writeEvaluation}):
 * the central crop, optionally flipped (for test-time flip averaging), no other change.
 *
 * <p>With per-image normalisation, a global brightness or contrast change is undone by the normalisation
 * except where clamping bites; the flip and crop jitter are what matter then.
 */
public final class InputWriter {

    private final PreprocessConfig config;
    private final int cached;
    private final int size;
    private final int pad;
    private final int channels;
    private final double[] scratch;

    public InputWriter(PreprocessConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.cached = config.cachedSize();
        this.size = config.inputSize();
        this.pad = config.jitterPixels();
        this.channels = config.channels();
        this.scratch = new double[channels * size * size];
    }

    /** Values written per image. */
    public int valuesPerImage() {
        return scratch.length;
    }

    /** Writes one augmented training input at {@code out[offset ...]}. Not thread-safe (shared scratch). */
    public void writeTraining(byte[] image, Random random, float[] out, int offset) {
        int dx = pad == 0 ? 0 : random.nextInt(2 * pad + 1);
        int dy = pad == 0 ? 0 : random.nextInt(2 * pad + 1);
        boolean flip = config.flip() && random.nextBoolean();
        double contrast = config.contrast() > 0 ? 1 + config.contrast() * (2 * random.nextDouble() - 1) : 1.0;
        double brightness = config.brightness() > 0 ? 255 * config.brightness() * (2 * random.nextDouble() - 1) : 0.0;
        copyCrop(image, dx, dy, flip);
        if (contrast != 1.0 || brightness != 0.0) {
            double mean = mean();
            for (int i = 0; i < scratch.length; i++) {
                double v = (scratch[i] - mean) * contrast + mean + brightness;
                scratch[i] = v < 0 ? 0 : v > 255 ? 255 : v;
            }
        }
        normalise(out, offset);
    }

    /** Writes the central, unaugmented input (flipped if asked) at {@code out[offset ...]}. */
    public void writeEvaluation(byte[] image, boolean flipped, float[] out, int offset) {
        copyCrop(image, pad, pad, flipped);
        normalise(out, offset);
    }

    private void copyCrop(byte[] image, int dx, int dy, boolean flip) {
        if (image.length != channels * cached * cached) {
            throw new IllegalArgumentException("cached image has " + image.length + " bytes, expected "
                    + channels * cached * cached + " (" + channels + " × " + cached + "²)");
        }
        int i = 0;
        for (int c = 0; c < channels; c++) {
            int plane = c * cached * cached;
            for (int y = 0; y < size; y++) {
                int row = plane + (y + dy) * cached + dx;
                if (flip) {
                    for (int x = size - 1; x >= 0; x--) {
                        scratch[i++] = image[row + x] & 0xff;
                    }
                } else {
                    for (int x = 0; x < size; x++) {
                        scratch[i++] = image[row + x] & 0xff;
                    }
                }
            }
        }
    }

    private double mean() {
        double s = 0;
        for (double v : scratch) {
            s += v;
        }
        return s / scratch.length;
    }

    private void normalise(float[] out, int offset) {
        if (config.normalization() == Normalization.FIXED) {
            for (int i = 0; i < scratch.length; i++) {
                out[offset + i] = (float) ((scratch[i] - 127.5) / 127.5);
            }
            return;
        }
        double mean = mean();
        double ss = 0;
        for (double v : scratch) {
            ss += (v - mean) * (v - mean);
        }
        // A flat image has no contrast to scale: keep its (zero) deviations instead of dividing by ~0.
        double std = Math.max(Math.sqrt(ss / scratch.length), 1.0);
        for (int i = 0; i < scratch.length; i++) {
            out[offset + i] = (float) ((scratch[i] - mean) / std);
        }
    }
}
