package io.facetrain.core.synth;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * Turns a rendered scene into a "photograph": tone curve, exposure, a directional light falling across
 * the picture, colour temperature, defocus blur and sensor noise. Works in place on a
 * {@link BufferedImage#TYPE_INT_RGB} image, in plain double arithmetic, so the result is bit-exact.
 */
final class PhotoEffects {

    private PhotoEffects() {
    }

    static void apply(BufferedImage image, FaceVariation.Photo photo) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expected a TYPE_INT_RGB image, got type " + image.getType());
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        double[][] channels = light(pixels, width, height, photo);
        if (photo.blur() > 0) {
            for (double[] channel : channels) {
                blur(channel, width, height, photo.blur());
            }
        }
        SplittableRandom noise = new SplittableRandom(photo.noiseSeed());
        for (int i = 0; i < pixels.length; i++) {
            int r = quantise(channels[0][i] + photo.noise() * gaussian(noise));
            int g = quantise(channels[1][i] + photo.noise() * gaussian(noise));
            int b = quantise(channels[2][i] + photo.noise() * gaussian(noise));
            pixels[i] = (r << 16) | (g << 8) | b;
        }
    }

    /** Tone curve, exposure, light falloff and white balance; returns the three channels in [0, ~1.5]. */
    private static double[][] light(int[] pixels, int width, int height, FaceVariation.Photo photo) {
        double[] curve = new double[256];
        for (int v = 0; v < 256; v++) {
            curve[v] = StrictMath.pow(v / 255.0, photo.gamma());
        }
        double dirX = StrictMath.cos(photo.lightAngle());
        double dirY = StrictMath.sin(photo.lightAngle());
        double redGain = photo.gain() * (1 + photo.warmth());
        double greenGain = photo.gain();
        double blueGain = photo.gain() * (1 - photo.warmth());
        double[][] channels = new double[3][pixels.length];
        for (int y = 0; y < height; y++) {
            double v = (y + 0.5) / height - 0.5;
            for (int x = 0; x < width; x++) {
                double u = (x + 0.5) / width - 0.5;
                double falloff = 1 + photo.lightSlope() * 2 * (u * dirX + v * dirY);
                int i = y * width + x;
                int p = pixels[i];
                channels[0][i] = curve[(p >> 16) & 0xFF] * redGain * falloff;
                channels[1][i] = curve[(p >> 8) & 0xFF] * greenGain * falloff;
                channels[2][i] = curve[p & 0xFF] * blueGain * falloff;
            }
        }
        return channels;
    }

    /** Mixes each pixel with its 3×3 neighbourhood mean by {@code amount}; edges reuse the border. */
    private static void blur(double[] channel, int width, int height, double amount) {
        double[] source = channel.clone();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = Math.min(height - 1, Math.max(0, y + dy));
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = Math.min(width - 1, Math.max(0, x + dx));
                        sum += source[yy * width + xx];
                    }
                }
                int i = y * width + x;
                channel[i] = source[i] * (1 - amount) + sum / 9.0 * amount;
            }
        }
    }

    /** A unit-variance, roughly Gaussian draw: the Irwin–Hall sum of four uniforms, rescaled. */
    private static double gaussian(SplittableRandom random) {
        double sum = random.nextDouble() + random.nextDouble() + random.nextDouble() + random.nextDouble();
        return (sum - 2.0) * 1.7320508075688772;
    }

    private static int quantise(double v) {
        if (v <= 0) {
            return 0;
        }
        if (v >= 1) {
            return 255;
        }
        return (int) Math.round(v * 255.0);
    }
}
