package io.facetrain.core.synth;

import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;

/**
 * Geometry helpers. Trigonometry goes through {@link StrictMath} so that every platform and every JIT
 * state computes the same vertices (Java's floating-point arithmetic itself is strict since Java 17).
 */
final class Shapes {

    private static final int OUTLINE_STEPS = 72;

    private Shapes() {
    }

    /** A rotation about the origin, built without {@code Math.sin}/{@code Math.cos}. */
    static AffineTransform rotation(double radians) {
        double cos = StrictMath.cos(radians);
        double sin = StrictMath.sin(radians);
        return new AffineTransform(cos, sin, -sin, cos, 0, 0);
    }

    /**
     * A face outline centred on the origin: a superellipse whose lower half narrows towards the chin.
     *
     * @param halfWidth  half the width
     * @param halfHeight half the height
     * @param exponent   2 for an ellipse, larger for squarer
     * @param taper      0 keeps the lower half as wide as the upper; 0.5 halves the chin's width
     */
    static Path2D.Double faceOutline(double halfWidth, double halfHeight, double exponent, double taper) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < OUTLINE_STEPS; i++) {
            double t = 2 * Math.PI * i / OUTLINE_STEPS;
            double c = StrictMath.cos(t);
            double s = StrictMath.sin(t);
            double x = halfWidth * Math.signum(c) * StrictMath.pow(Math.abs(c), 2 / exponent);
            double y = halfHeight * Math.signum(s) * StrictMath.pow(Math.abs(s), 2 / exponent);
            if (y > 0) {
                double down = y / halfHeight;
                x *= 1 - taper * down * down;
            }
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        return path;
    }

    /** A closed blob: a circle of radius {@code radius} whose edge is bumpy (curls, foliage). */
    static Path2D.Double bumpyEllipse(double cx, double cy, double rx, double ry, int bumps, double depth) {
        Path2D.Double path = new Path2D.Double();
        int steps = bumps * 6;
        for (int i = 0; i < steps; i++) {
            double t = 2 * Math.PI * i / steps;
            double bump = 1 + depth * Math.abs(StrictMath.sin(t * bumps / 2.0));
            double x = cx + rx * bump * StrictMath.cos(t);
            double y = cy + ry * bump * StrictMath.sin(t);
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        return path;
    }
}
