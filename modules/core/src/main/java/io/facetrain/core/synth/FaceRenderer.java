package io.facetrain.core.synth;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Draws one portrait from a person's traits and an image's variation with Java2D, then applies the
 * photographic effects. Stateless: safe to call from many threads at once.
 */
final class FaceRenderer {

    /** Where the face centre sits on the canvas before the per-image offset: a little below the middle. */
    private static final double CENTRE_X = 0.5;
    private static final double CENTRE_Y = 0.53;
    /** Shoulders follow a fraction of the head's roll: people tilt the head more than the body. */
    private static final double BODY_ROLL = 0.3;

    private FaceRenderer() {
    }

    static BufferedImage render(FaceTraits traits, FaceVariation variation, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            g.scale(size, size);
            BackgroundPainter.paint(g, variation.scene());
            paintPerson(g, traits, variation);
        } finally {
            g.dispose();
        }
        PhotoEffects.apply(image, variation.photo());
        return image;
    }

    private static void paintPerson(Graphics2D g, FaceTraits traits, FaceVariation variation) {
        FaceVariation.Pose pose = variation.pose();
        FaceLayout layout = FaceLayout.of(traits, pose);
        AffineTransform canvas = g.getTransform();

        AffineTransform body = new AffineTransform(canvas);
        body.translate(CENTRE_X + pose.dx(), CENTRE_Y + pose.dy());
        body.concatenate(Shapes.rotation(pose.roll() * BODY_ROLL));
        body.scale(pose.scale(), pose.scale());
        AffineTransform head = new AffineTransform(canvas);
        head.translate(CENTRE_X + pose.dx(), CENTRE_Y + pose.dy());
        head.concatenate(Shapes.rotation(pose.roll()));
        head.scale(pose.scale(), pose.scale());

        g.setTransform(body);
        HeadPainter.shoulders(g, traits, variation.scene());
        g.setTransform(head);
        HairPainter.back(g, traits);
        g.setTransform(body);
        HeadPainter.neck(g, traits);
        g.setTransform(head);
        HeadPainter.ears(g, traits, layout);
        AccessoryPainter.earrings(g, traits, layout);
        HeadPainter.face(g, traits);
        HeadPainter.rim(g, traits);
        HeadPainter.marks(g, traits, layout);
        FeaturePainter.nose(g, traits, layout);
        FeaturePainter.mouth(g, traits, layout, variation.expression());
        FacialHairPainter.paint(g, traits, layout);
        FeaturePainter.eyes(g, traits, layout, variation.expression());
        FeaturePainter.brows(g, traits, layout, variation.expression());
        HairPainter.front(g, traits, layout);
        AccessoryPainter.glasses(g, traits, layout, variation.glassesOff());
        g.setTransform(canvas);
    }
}
