package io.facetrain.core.synth;

import java.awt.Color;
import java.util.SplittableRandom;

/** An sRGB colour with channels in [0, 1], kept in doubles until it is drawn. */
record Rgb(double r, double g, double b) {

    Rgb {
        r = clamp(r);
        g = clamp(g);
        b = clamp(b);
    }

    /** Colour from hue (turns, any real), saturation and value in [0, 1]. */
    static Rgb hsv(double hue, double saturation, double value) {
        double h = (hue - Math.floor(hue)) * 6.0;
        int sector = (int) h;
        double f = h - sector;
        double p = value * (1 - saturation);
        double q = value * (1 - saturation * f);
        double t = value * (1 - saturation * (1 - f));
        return switch (sector) {
            case 0 -> new Rgb(value, t, p);
            case 1 -> new Rgb(q, value, p);
            case 2 -> new Rgb(p, value, t);
            case 3 -> new Rgb(p, q, value);
            case 4 -> new Rgb(t, p, value);
            default -> new Rgb(value, p, q);
        };
    }

    /** A random colour anywhere in a broad range of hues, saturations and brightnesses. */
    static Rgb random(SplittableRandom random, double minValue, double maxValue, double maxSaturation) {
        return hsv(random.nextDouble(), random.nextDouble(maxSaturation),
                minValue + random.nextDouble() * (maxValue - minValue));
    }

    /** Linear interpolation towards {@code other}: 0 gives this colour, 1 gives {@code other}. */
    Rgb mix(Rgb other, double t) {
        return new Rgb(r + (other.r - r) * t, g + (other.g - g) * t, b + (other.b - b) * t);
    }

    /** Every channel multiplied by {@code factor} (darker below 1, lighter above). */
    Rgb scale(double factor) {
        return new Rgb(r * factor, g * factor, b * factor);
    }

    /** The same colour with each channel moved by up to {@code amount} at random. */
    Rgb jitter(SplittableRandom random, double amount) {
        return new Rgb(r + (random.nextDouble() * 2 - 1) * amount,
                g + (random.nextDouble() * 2 - 1) * amount,
                b + (random.nextDouble() * 2 - 1) * amount);
    }

    Color color() {
        return new Color(channel(r), channel(g), channel(b));
    }

    Color color(double alpha) {
        return new Color(channel(r), channel(g), channel(b), channel(alpha));
    }

    private static int channel(double v) {
        return (int) Math.round(clamp(v) * 255.0);
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : Math.min(v, 1);
    }
}
