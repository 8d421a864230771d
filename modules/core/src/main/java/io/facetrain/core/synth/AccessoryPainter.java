package io.facetrain.core.synth;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;

/** Paints glasses (unless taken off for this picture) and earrings, in head coordinates. */
final class AccessoryPainter {

    private static final Rgb DARK_LENS = new Rgb(0.05, 0.05, 0.08);

    private AccessoryPainter() {
    }

    static void glasses(Graphics2D g, FaceTraits traits, FaceLayout layout, boolean takenOff) {
        FaceTraits.Accessories accessories = traits.accessories();
        if (accessories.glasses() == FaceTraits.GlassesStyle.NONE || takenOff) {
            return;
        }
        Shape left = lens(accessories, layout.leftEyeX(), layout.eyeY(), layout.leftEyeWidth());
        Shape right = lens(accessories, layout.rightEyeX(), layout.eyeY(), layout.rightEyeWidth());
        if (accessories.glasses() == FaceTraits.GlassesStyle.SUNGLASSES) {
            g.setColor(DARK_LENS.color(0.9));
            g.fill(left);
            g.fill(right);
        }
        g.setStroke(new BasicStroke(0.009f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(accessories.frame().color());
        g.draw(left);
        g.draw(right);
        double leftInner = left.getBounds2D().getMaxX();
        double rightInner = right.getBounds2D().getMinX();
        double y = layout.eyeY() - 0.004;
        g.draw(new Line2D.Double(leftInner, y, rightInner, y));
        double a = layout.halfWidth();
        g.draw(new Line2D.Double(left.getBounds2D().getMinX(), y, -a * 0.97, y - 0.004));
        g.draw(new Line2D.Double(right.getBounds2D().getMaxX(), y, a * 0.97, y - 0.004));
    }

    private static Shape lens(FaceTraits.Accessories accessories, double cx, double cy, double eyeWidth) {
        double w = eyeWidth * accessories.lensSize();
        return switch (accessories.glasses()) {
            case ROUND -> new Ellipse2D.Double(cx - w, cy - w * 0.85, 2 * w, 1.7 * w);
            case RECTANGULAR, SUNGLASSES -> new RoundRectangle2D.Double(cx - w, cy - w * 0.62, 2 * w, 1.3 * w,
                    w * 0.5, w * 0.5);
            default -> throw new IllegalStateException("no lens for " + accessories.glasses());
        };
    }

    static void earrings(Graphics2D g, FaceTraits traits, FaceLayout layout) {
        FaceTraits.Accessories accessories = traits.accessories();
        if (!accessories.earrings()) {
            return;
        }
        double a = layout.halfWidth();
        double y = layout.eyeY() + 0.04 + 0.01;
        double r = 0.012;
        double show = layout.shiftX() / a;
        g.setColor(accessories.earringColour().color());
        g.fill(new Ellipse2D.Double(-a * 0.99 + show * 0.03 - r, y, 2 * r, 2 * r));
        g.fill(new Ellipse2D.Double(a * 0.99 + show * 0.03 - r, y, 2 * r, 2 * r));
    }
}
