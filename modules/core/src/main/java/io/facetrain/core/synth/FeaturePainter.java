package io.facetrain.core.synth;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;

/** Paints the inner features in head coordinates: eyes, eyebrows, nose and mouth. */
final class FeaturePainter {

    private static final Rgb EYE_WHITE = new Rgb(0.95, 0.93, 0.90);
    private static final Rgb PUPIL = new Rgb(0.04, 0.03, 0.03);
    private static final Rgb MOUTH_INSIDE = new Rgb(0.25, 0.06, 0.07);
    private static final Rgb TEETH = new Rgb(0.96, 0.95, 0.90);

    private FeaturePainter() {
    }

    static void eyes(Graphics2D g, FaceTraits traits, FaceLayout layout, FaceVariation.Expression expression) {
        eye(g, traits, layout.leftEyeX(), layout.eyeY(), layout.leftEyeWidth(), -1, expression.eyeOpen());
        eye(g, traits, layout.rightEyeX(), layout.eyeY(), layout.rightEyeWidth(), 1, expression.eyeOpen());
    }

    /** One eye; {@code side} is -1 for the eye on the left of the picture, +1 for the right. */
    private static void eye(Graphics2D g, FaceTraits traits, double cx, double cy, double w, int side, double open) {
        FaceTraits.Eyes eyes = traits.eyes();
        double h = w * eyes.openness() * open;
        double tilt = eyes.tilt() * w;
        double innerX = cx - side * w;
        double outerX = cx + side * w;
        double innerY = cy + tilt * 0.5;
        double outerY = cy - tilt * 0.5;
        Rgb lid = traits.skin().scale(0.45);
        if (h < w * 0.12) {
            g.setStroke(new BasicStroke(0.008f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(lid.color());
            g.draw(new QuadCurve2D.Double(innerX, innerY, cx, cy + h, outerX, outerY));
            return;
        }
        Path2D.Double shape = new Path2D.Double();
        shape.moveTo(innerX, innerY);
        shape.quadTo(cx, cy - 2 * h, outerX, outerY);
        shape.quadTo(cx, cy + 2 * h, innerX, innerY);
        shape.closePath();
        g.setColor(EYE_WHITE.color());
        g.fill(shape);
        Shape savedClip = g.getClip();
        g.clip(shape);
        double irisR = Math.min(w * 0.5, h * 1.15);
        g.setColor(eyes.iris().color());
        g.fill(new Ellipse2D.Double(cx - irisR, cy - irisR, 2 * irisR, 2 * irisR));
        double pupilR = irisR * 0.45;
        g.setColor(PUPIL.color());
        g.fill(new Ellipse2D.Double(cx - pupilR, cy - pupilR, 2 * pupilR, 2 * pupilR));
        g.setClip(savedClip);
        g.setStroke(new BasicStroke(0.008f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(lid.color());
        g.draw(new QuadCurve2D.Double(innerX, innerY, cx, cy - 2 * h, outerX, outerY));
    }

    static void brows(Graphics2D g, FaceTraits traits, FaceLayout layout, FaceVariation.Expression expression) {
        brow(g, traits, layout.leftEyeX(), layout.leftEyeWidth(), layout.eyeY(), -1, expression.browRaise());
        brow(g, traits, layout.rightEyeX(), layout.rightEyeWidth(), layout.eyeY(), 1, expression.browRaise());
    }

    private static void brow(Graphics2D g, FaceTraits traits, double eyeX, double eyeW, double eyeY, int side,
                             double raise) {
        FaceTraits.Brows brows = traits.brows();
        double y = eyeY - brows.gap() - raise * 0.014;
        double innerX = eyeX - side * eyeW * 0.9;
        double outerX = eyeX + side * eyeW * brows.length();
        double innerY = y + brows.slant();
        double midX = (innerX + outerX) / 2;
        g.setStroke(new BasicStroke((float) brows.thickness(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(brows.colour().color());
        g.draw(new QuadCurve2D.Double(innerX, innerY, midX, y - 2 * brows.arch(), outerX, y));
    }

    static void nose(Graphics2D g, FaceTraits traits, FaceLayout layout) {
        FaceTraits.Nose nose = traits.nose();
        double x = layout.noseX();
        double y = layout.noseY();
        double w = nose.width();
        double bridgeY = layout.eyeY() + 0.03;
        Rgb shade = traits.skin().scale(0.66);
        g.setStroke(new BasicStroke(0.007f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        switch (nose.shape()) {
            case LINE -> {
                g.setColor(shade.color());
                g.draw(new Line2D.Double(x * 0.6 + w * 0.3, bridgeY, x + w * 0.25, y - 0.01));
                g.draw(new QuadCurve2D.Double(x - w, y - 0.004, x, y + 0.016, x + w, y - 0.004));
            }
            case WEDGE -> {
                Path2D.Double wedge = new Path2D.Double();
                wedge.moveTo(x * 0.6 + 0.004, bridgeY);
                wedge.lineTo(x + w * 0.9, y);
                wedge.lineTo(x - w * 0.2, y + 0.012);
                wedge.closePath();
                g.setColor(traits.skin().scale(0.78).color());
                g.fill(wedge);
                nostrils(g, x, y, w * 0.7, shade);
            }
            case BUTTON -> {
                double r = w * 0.55;
                g.setColor(traits.skin().scale(1.06).color());
                g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
                g.setColor(shade.color());
                g.draw(new QuadCurve2D.Double(x - r, y + r * 0.2, x, y + r * 1.4, x + r, y + r * 0.2));
                nostrils(g, x, y, w * 0.85, shade);
            }
            case BROAD -> {
                g.setColor(shade.color());
                g.draw(new QuadCurve2D.Double(x - w * 1.2, y - 0.012, x, y + 0.03, x + w * 1.2, y - 0.012));
                nostrils(g, x, y, w, shade.scale(0.8));
            }
            default -> throw new IllegalStateException("unhandled nose " + nose.shape());
        }
    }

    private static void nostrils(Graphics2D g, double x, double y, double spread, Rgb colour) {
        g.setColor(colour.color());
        double r = 0.007;
        g.fill(new Ellipse2D.Double(x - spread - r, y - r, 2 * r, 1.5 * r));
        g.fill(new Ellipse2D.Double(x + spread - r, y - r, 2 * r, 1.5 * r));
    }

    static void mouth(Graphics2D g, FaceTraits traits, FaceLayout layout, FaceVariation.Expression expression) {
        FaceTraits.Mouth mouth = traits.mouth();
        double x = layout.mouthX();
        double y = layout.mouthY();
        double hw = mouth.halfWidth() * (1 + 0.15 * expression.smile());
        double cornerY = y - expression.smile() * 0.022;
        double gap = expression.mouthOpen() * 0.05;
        double lips = mouth.lips();
        Path2D.Double upper = new Path2D.Double();
        upper.moveTo(x - hw, cornerY);
        upper.quadTo(x - hw * 0.4, y - lips * 1.6, x, y - lips * 1.1);
        upper.quadTo(x + hw * 0.4, y - lips * 1.6, x + hw, cornerY);
        upper.quadTo(x, y + expression.smile() * 0.012, x - hw, cornerY);
        upper.closePath();
        Path2D.Double lower = new Path2D.Double();
        lower.moveTo(x - hw, cornerY);
        lower.quadTo(x, y + gap + expression.smile() * 0.012, x + hw, cornerY);
        lower.quadTo(x, y + gap + lips * 3 + expression.smile() * 0.02, x - hw, cornerY);
        lower.closePath();
        if (gap > 0) {
            Path2D.Double inside = new Path2D.Double();
            inside.moveTo(x - hw, cornerY);
            inside.quadTo(x, y + expression.smile() * 0.012, x + hw, cornerY);
            inside.quadTo(x, y + gap * 2 + expression.smile() * 0.024, x - hw, cornerY);
            inside.closePath();
            g.setColor(MOUTH_INSIDE.color());
            g.fill(inside);
            if (expression.smile() > 0.3) {
                Shape savedClip = g.getClip();
                g.clip(inside);
                g.setColor(TEETH.color());
                g.fill(new Rectangle2D.Double(x - hw, y - 0.02, 2 * hw, 0.02 + gap * 0.6));
                g.setClip(savedClip);
            }
        }
        g.setColor(mouth.colour().color());
        g.fill(upper);
        g.fill(lower);
        g.setStroke(new BasicStroke(0.005f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(mouth.colour().scale(0.6).color());
        g.draw(new QuadCurve2D.Double(x - hw, cornerY, x, y + expression.smile() * 0.012, x + hw, cornerY));
    }
}
