package io.facetrain.core.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/** Paints the skin parts of a portrait: shoulders and neck, ears, the face itself and its marks. */
final class HeadPainter {

    private static final Rgb BLUSH = new Rgb(0.86, 0.32, 0.32);
    private static final Rgb MOLE = new Rgb(0.25, 0.15, 0.10);

    private HeadPainter() {
    }

    /** Shoulders in clothing; drawn in body coordinates (origin at the face centre, no head roll). */
    static void shoulders(Graphics2D g, FaceTraits traits, FaceVariation.Scene scene) {
        double b = traits.head().halfHeight();
        double top = b + 0.1;
        g.setColor(scene.shirt().color());
        g.fill(new Ellipse2D.Double(-0.48, top, 0.96, 0.6));
        if (scene.collar()) {
            Path2D.Double collar = new Path2D.Double();
            collar.moveTo(-0.12, top + 0.015);
            collar.lineTo(0, top + 0.13);
            collar.lineTo(0.12, top + 0.015);
            collar.closePath();
            g.setColor(scene.shirt().mix(new Rgb(0.95, 0.95, 0.95), 0.7).color());
            g.fill(collar);
        }
    }

    /** The neck, in body coordinates; drawn over long hair that falls behind it, its top hidden by the jaw. */
    static void neck(Graphics2D g, FaceTraits traits) {
        double a = traits.head().halfWidth();
        double b = traits.head().halfHeight();
        g.setColor(traits.skin().scale(0.8).color());
        g.fill(new Rectangle2D.Double(-a * 0.38, b * 0.5, a * 0.76, b * 0.35 + 0.13));
    }

    static void ears(Graphics2D g, FaceTraits traits, FaceLayout layout) {
        double a = layout.halfWidth();
        double size = traits.head().earSize();
        double rx = 0.04 * size;
        double ry = 0.07 * size;
        double y = layout.eyeY() + 0.04 - ry;
        // The ear on the far side of a turned head hides behind it; the near one shows more.
        double show = layout.shiftX() / a;
        g.setColor(traits.skin().scale(0.9).color());
        g.fill(new Ellipse2D.Double(-a * 0.98 - rx + show * 0.03 - 0.005, y, 2 * rx, 2 * ry));
        g.fill(new Ellipse2D.Double(a * 0.98 - rx + show * 0.03 + 0.005, y, 2 * rx, 2 * ry));
    }

    static void face(Graphics2D g, FaceTraits traits) {
        FaceTraits.HeadShape head = traits.head();
        Path2D.Double outline = outline(head);
        Rgb skin = traits.skin();
        // Soft shading: lighter in the middle of the face, darker at its rim.
        g.setPaint(new RadialGradientPaint(new Point2D.Double(0, -head.halfHeight() * 0.15),
                (float) (head.halfHeight() * 1.15),
                new Point2D.Double(0, -head.halfHeight() * 0.15), new float[] {0f, 1f},
                new Color[] {skin.scale(1.05).color(), skin.scale(0.82).color()},
                MultipleGradientPaint.CycleMethod.NO_CYCLE));
        g.fill(outline);
    }

    static Path2D.Double outline(FaceTraits.HeadShape head) {
        return Shapes.faceOutline(head.halfWidth(), head.halfHeight(), head.squareness(), head.jawTaper());
    }

    static void marks(Graphics2D g, FaceTraits traits, FaceLayout layout) {
        FaceTraits.Marks marks = traits.marks();
        double cheekY = (layout.eyeY() + layout.noseY()) / 2 + 0.02;
        double cheekX = layout.halfWidth() * 0.55;
        if (marks.blush() > 0) {
            g.setColor(BLUSH.color(marks.blush()));
            g.fill(new Ellipse2D.Double(layout.shiftX() - cheekX - 0.04, cheekY - 0.025, 0.08, 0.05));
            g.fill(new Ellipse2D.Double(layout.shiftX() + cheekX - 0.04, cheekY - 0.025, 0.08, 0.05));
        }
        if (marks.freckles()) {
            SplittableRandom random = new SplittableRandom(traits.detailSeed());
            g.setColor(traits.skin().scale(0.62).color(0.75));
            for (int i = 0; i < 14; i++) {
                double side = (i % 2 == 0) ? -1 : 1;
                double x = layout.shiftX() + side * cheekX * Draw.uniform(random, 0.45, 1.3);
                double y = cheekY + Draw.uniform(random, -0.04, 0.03);
                g.fill(new Ellipse2D.Double(x - 0.005, y - 0.005, 0.01, 0.01));
            }
        }
        if (marks.mole()) {
            g.setColor(MOLE.color());
            double x = marks.moleX() + layout.shiftX() * 0.7;
            g.fill(new Ellipse2D.Double(x - 0.008, marks.moleY() - 0.008, 0.016, 0.016));
        }
    }

    /** The rim stroke that separates a face from a background of the same colour. */
    static void rim(Graphics2D g, FaceTraits traits) {
        g.setStroke(new BasicStroke(0.006f));
        g.setColor(traits.skin().scale(0.62).color(0.6));
        g.draw(outline(traits.head()));
    }
}
