package io.facetrain.core.synth;

import java.awt.Graphics2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** Paints stubble, moustaches, goatees and beards over the lower face, leaving the lips free. */
final class FacialHairPainter {

    private FacialHairPainter() {
    }

    static void paint(Graphics2D g, FaceTraits traits, FaceLayout layout) {
        FaceTraits.FacialHair facialHair = traits.facialHair();
        if (facialHair.style() == FaceTraits.FacialHairStyle.NONE) {
            return;
        }
        double a = layout.halfWidth();
        double b = layout.halfHeight();
        Rgb colour = traits.hair().colour().scale(0.8);
        Area face = new Area(HeadPainter.outline(traits.head()));
        Area lips = new Area(new Ellipse2D.Double(layout.mouthX() - traits.mouth().halfWidth() * 1.05,
                layout.mouthY() - 0.018, traits.mouth().halfWidth() * 2.1, 0.036));
        switch (facialHair.style()) {
            case STUBBLE -> {
                Area stubble = new Area(face);
                stubble.intersect(new Area(new Rectangle2D.Double(-1, layout.noseY() + 0.012, 2, 2)));
                stubble.subtract(lips);
                // Short stubble mostly darkens the skin; its own colour shows only a little.
                g.setColor(colour.mix(traits.skin().scale(0.5), 0.5).color(0.33 * facialHair.density()));
                g.fill(stubble);
            }
            case MOUSTACHE -> {
                g.setColor(colour.color(facialHair.density()));
                g.fill(moustache(traits, layout));
            }
            case GOATEE -> {
                Area goatee = new Area(new Ellipse2D.Double(layout.mouthX() - traits.mouth().halfWidth() * 0.8,
                        layout.mouthY() - 0.01, traits.mouth().halfWidth() * 1.6, b - layout.mouthY() + 0.04));
                goatee.intersect(face);
                goatee.add(new Area(moustache(traits, layout)));
                goatee.subtract(lips);
                g.setColor(colour.color(facialHair.density()));
                g.fill(goatee);
            }
            case BEARD -> {
                Area beard = new Area(face);
                beard.intersect(new Area(new Rectangle2D.Double(-1, layout.noseY() - 0.005, 2, 2)));
                // A full beard grows below the jawline too.
                beard.add(new Area(new Ellipse2D.Double(-a * 0.7, b * 0.45, a * 1.4, b * 0.75)));
                beard.subtract(lips);
                g.setColor(colour.color(facialHair.density()));
                g.fill(beard);
            }
            default -> throw new IllegalStateException("unhandled facial hair " + facialHair.style());
        }
    }

    /** A band over the upper lip, thickest in the middle, never reaching up into the nose. */
    private static Path2D.Double moustache(FaceTraits traits, FaceLayout layout) {
        double x = layout.mouthX();
        double lipTop = layout.mouthY() - traits.mouth().lips() * 1.2;
        double thickness = Math.min(0.026, (lipTop - layout.noseY()) * 0.8);
        double hw = traits.mouth().halfWidth() * 1.1;
        Path2D.Double shape = new Path2D.Double();
        shape.moveTo(x - hw, lipTop + 0.008);
        shape.quadTo(x - hw * 0.5, lipTop - thickness * 1.2, x, lipTop - thickness);
        shape.quadTo(x + hw * 0.5, lipTop - thickness * 1.2, x + hw, lipTop + 0.008);
        shape.quadTo(x, lipTop - thickness * 0.1, x - hw, lipTop + 0.008);
        shape.closePath();
        return shape;
    }
}
