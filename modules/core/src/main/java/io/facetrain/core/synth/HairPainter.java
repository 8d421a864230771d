package io.facetrain.core.synth;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * Paints hair in head coordinates: the part behind the head (long hair, curls, a bun) before the face,
 * and the cap, fringe or parting in front of it after the face.
 */
final class HairPainter {

    private HairPainter() {
    }

    static void back(Graphics2D g, FaceTraits traits) {
        FaceTraits.Hair hair = traits.hair();
        double a = traits.head().halfWidth();
        double b = traits.head().halfHeight();
        double v = hair.volume();
        g.setColor(hair.colour().scale(0.85).color());
        switch (hair.style()) {
            case LONG -> g.fill(hanging(a, b, v, b * 1.3, a * 0.5));
            case BOB -> g.fill(hanging(a * 1.05, b, v, b * 0.6, a * 0.35));
            case CURLY -> g.fill(Shapes.bumpyEllipse(0, -b * 0.3, a * 1.3 * v, b * 0.95 * v, 14, 0.08));
            case BUN -> g.fill(new Ellipse2D.Double(-a * 0.38, -b * 1.08 - a * 0.62, a * 0.76, a * 0.7));
            default -> { }
        }
    }

    /** Hair that hangs from a rounded crown down to {@code bottom}, as wide as the crown. */
    private static Area hanging(double a, double b, double volume, double bottom, double cornerRadius) {
        double rx = a * 1.2 * volume;
        double crownY = -b * 0.3;
        Area hair = new Area(new Ellipse2D.Double(-rx, crownY - b * 0.85 * volume, 2 * rx, b * 1.7 * volume));
        hair.add(new Area(new RoundRectangle2D.Double(-rx, crownY, 2 * rx, bottom - crownY,
                cornerRadius, cornerRadius)));
        return hair;
    }

    static void front(Graphics2D g, FaceTraits traits, FaceLayout layout) {
        FaceTraits.Hair hair = traits.hair();
        double a = traits.head().halfWidth();
        double b = traits.head().halfHeight();
        // Hair sits on the skull, which moves less than the nose when the head turns.
        AffineTransform head = g.getTransform();
        g.translate(layout.shiftX() * 0.25, 0);
        switch (hair.style()) {
            case BALD -> { }
            case MOHAWK -> mohawk(g, a, b, hair);
            case BUZZ -> {
                // Cropped so short that the scalp shows through.
                g.setColor(hair.colour().color(0.7));
                g.fill(cap(a, b, 1.0, hairlineY(b, hair.hairline()), -b * 0.1));
            }
            default -> {
                Area area = solidFront(a, b, hair);
                g.setColor(hair.colour().color());
                g.fill(area);
                g.setStroke(new BasicStroke(0.006f));
                g.setColor(hair.colour().scale(0.7).color());
                g.draw(area);
            }
        }
        g.setTransform(head);
    }

    private static Area solidFront(double a, double b, FaceTraits.Hair hair) {
        return switch (hair.style()) {
            case SHORT -> cap(a, b, hair.volume(), hairlineY(b, hair.hairline()), b * 0.05);
            case SIDE_PART -> sidePart(a, b, hair);
            case FRINGE -> fringe(a, b, hair.volume(), b * 0.05);
            case BOB -> fringe(a, b, hair.volume(), b * 0.3);
            case LONG -> middlePart(a, b, hair);
            case CURLY -> curlyCap(a, b, hair);
            case BUN -> cap(a, b, 1.02, -b * 0.62, 0.0);
            case RECEDING -> receding(a, b, hair.volume());
            case BALD, BUZZ, MOHAWK -> throw new IllegalStateException(hair.style() + " has no solid front");
        };
    }

    /** Vertical position of the hairline: 0 gives a low forehead, 1 a high one. */
    private static double hairlineY(double b, double hairline) {
        return -b * (0.42 + 0.3 * hairline);
    }

    /**
     * The hair covering the top of the skull down to the hairline, and down to {@code sideBottom} at the
     * temples.
     */
    private static Area cap(double a, double b, double volume, double hairline, double sideBottom) {
        Area cap = new Area(new Ellipse2D.Double(-a * 1.07 * volume, -b * 1.1 * volume,
                a * 2.14 * volume, b * 2.0 * volume));
        double foreheadRy = b * 1.3;
        cap.subtract(new Area(new Ellipse2D.Double(-a * 0.86, hairline, a * 1.72, foreheadRy * 2)));
        cap.subtract(new Area(new Rectangle2D.Double(-2, sideBottom, 4, 4)));
        return cap;
    }

    private static Area fringe(double a, double b, double volume, double sideBottom) {
        Area cap = new Area(new Ellipse2D.Double(-a * 1.08 * volume, -b * 1.1 * volume,
                a * 2.16 * volume, b * 2.0 * volume));
        // A straight fringe: the forehead below it is cut out with a flat top edge.
        double fringeBottom = -b * 0.36;
        cap.subtract(new Area(new RoundRectangle2D.Double(-a * 0.88, fringeBottom, a * 1.76, b * 3, a * 0.2, a * 0.2)));
        cap.subtract(new Area(new Rectangle2D.Double(-2, sideBottom, 4, 4)));
        return cap;
    }

    private static Area sidePart(double a, double b, FaceTraits.Hair hair) {
        double hairline = hairlineY(b, hair.hairline());
        Area cap = cap(a, b, hair.volume(), hairline, b * 0.02);
        double side = hair.partLeft() ? -1 : 1;
        // A swoop of hair from the parting across the forehead to the other temple.
        Path2D.Double swoop = new Path2D.Double();
        swoop.moveTo(side * a * 0.45, -b * 1.02);
        swoop.quadTo(-side * a * 0.2, hairline - b * 0.05, -side * a * 1.0, hairline + b * 0.22);
        swoop.lineTo(-side * a * 1.0, hairline - b * 0.2);
        swoop.quadTo(0, -b * 1.15, side * a * 0.45, -b * 1.02);
        swoop.closePath();
        cap.add(new Area(swoop));
        return cap;
    }

    private static Area middlePart(double a, double b, FaceTraits.Hair hair) {
        double hairline = hairlineY(b, hair.hairline());
        Area cap = cap(a, b, hair.volume(), hairline, b * 0.6);
        double centre = (hair.partLeft() ? -1 : 1) * a * 0.15;
        Path2D.Double parting = new Path2D.Double();
        parting.moveTo(centre - 0.004, -b * 1.2);
        parting.lineTo(centre + 0.004, -b * 1.2);
        parting.lineTo(centre + 0.02, hairline + 0.01);
        parting.lineTo(centre - 0.02, hairline + 0.01);
        parting.closePath();
        cap.subtract(new Area(parting));
        return cap;
    }

    private static Area curlyCap(double a, double b, FaceTraits.Hair hair) {
        double hairline = hairlineY(b, hair.hairline());
        Area cap = new Area(Shapes.bumpyEllipse(0, -b * 0.35, a * 1.15 * hair.volume(), b * 0.85 * hair.volume(),
                12, 0.1));
        cap.subtract(new Area(Shapes.bumpyEllipse(0, hairline + b * 0.75, a * 0.86, b * 0.8, 10, 0.05)));
        cap.subtract(new Area(new Rectangle2D.Double(-2, b * 0.1, 4, 4)));
        return cap;
    }

    /** A horseshoe: hair on the sides and the back, a bare crown and forehead. */
    private static Area receding(double a, double b, double volume) {
        Area cap = cap(a, b, volume, -b * 0.5, b * 0.0);
        cap.subtract(new Area(new Ellipse2D.Double(-a * 0.78, -b * 1.5, a * 1.56, b * 1.25)));
        return cap;
    }

    private static void mohawk(Graphics2D g, double a, double b, FaceTraits.Hair hair) {
        g.setColor(hair.colour().color(0.35));
        g.fill(cap(a, b, 1.0, -b * 0.55, -b * 0.15));
        Path2D.Double crest = new Path2D.Double();
        double w = a * 0.22;
        double top = -b * 1.05;
        crest.moveTo(-w, -b * 0.55);
        int spikes = 5;
        for (int i = 0; i < spikes; i++) {
            double x0 = -w + 2 * w * i / spikes;
            crest.lineTo(x0 + w / spikes, top - b * 0.22 * hair.volume());
            crest.lineTo(x0 + 2 * w / spikes, top);
        }
        crest.lineTo(w, -b * 0.55);
        crest.closePath();
        g.setColor(hair.colour().color());
        g.fill(crest);
    }
}
