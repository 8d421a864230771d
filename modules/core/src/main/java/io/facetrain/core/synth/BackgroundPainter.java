package io.facetrain.core.synth;

import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/** Paints the unit canvas behind the person: a flat wall, a gradient, stripes, blobs or panels. */
final class BackgroundPainter {

    private BackgroundPainter() {
    }

    static void paint(Graphics2D g, FaceVariation.Scene scene) {
        Rectangle2D canvas = new Rectangle2D.Double(0, 0, 1, 1);
        g.setColor(scene.first().color());
        g.fill(canvas);
        switch (scene.background()) {
            case FLAT -> { }
            case GRADIENT -> gradient(g, scene, canvas);
            case STRIPES -> stripes(g, scene);
            case BLOBS -> blobs(g, scene);
            case PANELS -> panels(g, scene);
            default -> throw new IllegalStateException("unhandled background " + scene.background());
        }
    }

    private static void gradient(Graphics2D g, FaceVariation.Scene scene, Rectangle2D canvas) {
        float dx = (float) (0.5 * StrictMath.cos(scene.angle()));
        float dy = (float) (0.5 * StrictMath.sin(scene.angle()));
        g.setPaint(new GradientPaint(0.5f - dx, 0.5f - dy, scene.first().color(),
                0.5f + dx, 0.5f + dy, scene.second().color()));
        g.fill(canvas);
    }

    private static void stripes(Graphics2D g, FaceVariation.Scene scene) {
        AffineTransform saved = g.getTransform();
        g.translate(0.5, 0.5);
        g.transform(Shapes.rotation(scene.angle()));
        g.setColor(scene.second().color());
        double period = scene.period();
        // The rotated canvas fits in a disc of radius √2/2 around the centre.
        for (double x = -0.75; x < 0.75; x += period) {
            g.fill(new Rectangle2D.Double(x, -0.75, period / 2, 1.5));
        }
        g.setTransform(saved);
    }

    private static void blobs(Graphics2D g, FaceVariation.Scene scene) {
        SplittableRandom random = new SplittableRandom(scene.detailSeed());
        int count = 4 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            double r = Draw.uniform(random, 0.08, 0.3);
            Rgb colour = scene.second().mix(Rgb.random(random, 0.1, 0.95, 0.8), random.nextDouble() * 0.6);
            g.setColor(colour.color(Draw.uniform(random, 0.5, 1.0)));
            g.fill(new Ellipse2D.Double(random.nextDouble() - r, random.nextDouble() - r,
                    2 * r, 2 * r * Draw.uniform(random, 0.6, 1.4)));
        }
    }

    private static void panels(Graphics2D g, FaceVariation.Scene scene) {
        SplittableRandom random = new SplittableRandom(scene.detailSeed());
        int count = 2 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            double x = random.nextDouble() - 0.2;
            double y = random.nextDouble() - 0.2;
            Rgb colour = scene.second().scale(Draw.uniform(random, 0.7, 1.2));
            g.setColor(colour.color());
            g.fill(new Rectangle2D.Double(x, y, Draw.uniform(random, 0.1, 0.5), Draw.uniform(random, 0.1, 0.6)));
        }
    }
}
