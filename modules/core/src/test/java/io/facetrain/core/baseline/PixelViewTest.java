package io.facetrain.core.baseline;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PixelViewTest {

    private static BufferedImage image(Color outside, Color inside) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(outside);
        g.fillRect(0, 0, 8, 8);
        g.setColor(inside);
        g.fillRect(2, 2, 4, 2);
        g.dispose();
        return image;
    }

    @Test
    void vectorsHaveTheViewsLengthAndScale() {
        BufferedImage image = image(Color.WHITE, Color.BLACK);
        assertEquals(192, PixelView.RGB.vector(image).length);
        assertEquals(64, PixelView.GREY.vector(image).length);
        assertEquals(48, PixelView.CENTRE_RGB.vector(image).length);
        assertEquals(16, PixelView.CENTRE_GREY.vector(image).length);
        assertEquals(1.0f, PixelView.GREY.vector(image)[0], 1e-6);
        assertEquals(0.0f, PixelView.CENTRE_GREY.vector(image)[0], 1e-6);
    }

    @Test
    void standardisingRemovesBrightnessAndContrast() {
        float[] bright = PixelView.CENTRE_GREY_STANDARDISED.vector(image(Color.WHITE, Color.GRAY));
        float[] dim = PixelView.CENTRE_GREY_STANDARDISED.vector(image(Color.GRAY, Color.DARK_GRAY));
        double mean = 0;
        double squares = 0;
        for (float v : bright) {
            mean += v;
            squares += v * v;
        }
        assertEquals(0, mean / bright.length, 1e-6);
        assertEquals(1, squares / bright.length, 1e-5);
        assertEquals(0, PixelView.distance(bright, dim), 1e-5);
        // Without standardising, the two differ.
        assertTrue(PixelView.distance(PixelView.CENTRE_GREY.vector(image(Color.WHITE, Color.GRAY)),
                PixelView.CENTRE_GREY.vector(image(Color.GRAY, Color.DARK_GRAY))) > 0.5);
    }

    @Test
    void distanceIsEuclideanAndRefusesMismatchedLengths() {
        assertEquals(5.0, PixelView.distance(new float[] {0, 0}, new float[] {3, 4}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> PixelView.distance(new float[1], new float[2]));
    }
}
