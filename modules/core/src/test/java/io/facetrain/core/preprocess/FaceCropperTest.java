package io.facetrain.core.preprocess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(30)
class FaceCropperTest {

    /** Colour image whose red channel is x, green is y and blue is 7. */
    private static BufferedImage gradient(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x << 16) | (y << 8) | 7);
            }
        }
        return img;
    }

    private static int at(byte[] cached, int size, int channel, int x, int y) {
        return cached[channel * size * size + y * size + x] & 0xff;
    }

    @Test
    void cropsTheCentreAndAveragesAreas() {
        // 100 x 80 image, crop 0.5 of the shorter side = 40 px centred: x in [30, 70), y in [20, 60).
        PreprocessConfig c = PreprocessConfig.builder().inputSize(20).cropFraction(0.5).jitterFraction(0).build();
        byte[] out = new FaceCropper(c).crop(gradient(100, 80, BufferedImage.TYPE_3BYTE_BGR));
        assertEquals(3 * 20 * 20, out.length);
        for (int o = 0; o < 20; o++) {
            // Each output pixel averages a 2x2 block: mean x = 30 + 2o + 0.5, rounded half up.
            assertEquals(31 + 2 * o, at(out, 20, 0, o, 3), "red at x=" + o);
            assertEquals(21 + 2 * o, at(out, 20, 1, 5, o), "green at y=" + o);
            assertEquals(7, at(out, 20, 2, o, o));
        }
    }

    @Test
    void jitterMarginWidensTheCachedRegion() {
        // Input 20, jitter 0.1 -> 2 px margin, cached 24 px covering 48 source px: x in [26, 74).
        PreprocessConfig c = PreprocessConfig.builder().inputSize(20).cropFraction(0.5).jitterFraction(0.1).build();
        assertEquals(24, c.cachedSize());
        byte[] out = new FaceCropper(c).crop(gradient(100, 80, BufferedImage.TYPE_INT_RGB));
        assertEquals(27, at(out, 24, 0, 0, 0));
        assertEquals(73, at(out, 24, 0, 23, 0));
    }

    @Test
    void convertsColourToGreyWithLumaWeights() {
        PreprocessConfig c = PreprocessConfig.builder().channels(1).inputSize(10).cropFraction(1.0).jitterFraction(0)
                .build();
        BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                img.setRGB(x, y, (200 << 16) | (100 << 8) | 50);
            }
        }
        byte[] out = new FaceCropper(c).crop(img);
        assertEquals(100, out.length);
        assertEquals((int) Math.round(0.299 * 200 + 0.587 * 100 + 0.114 * 50), out[55] & 0xff);
    }

    @Test
    void replicatesGreyIntoThreeChannels() {
        PreprocessConfig c = PreprocessConfig.builder().channels(3).inputSize(8).cropFraction(1.0).jitterFraction(0)
                .build();
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(3, 4, 0, 200);
        byte[] out = new FaceCropper(c).crop(img);
        for (int ch = 0; ch < 3; ch++) {
            assertEquals(200, at(out, 8, ch, 3, 4));
            assertEquals(0, at(out, 8, ch, 4, 4));
        }
    }

    @Test
    void enlargesSmallCropsBilinearly() {
        // A uniform image stays uniform when a 16 px crop is enlarged to 32 px.
        PreprocessConfig c = PreprocessConfig.builder().channels(1).inputSize(32).cropFraction(0.5).jitterFraction(0)
                .build();
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                img.getRaster().setSample(x, y, 0, 90);
            }
        }
        for (byte b : new FaceCropper(c).crop(img)) {
            assertEquals(90, b & 0xff);
        }
    }
}
