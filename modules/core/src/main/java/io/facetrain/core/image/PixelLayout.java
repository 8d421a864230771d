package io.facetrain.core.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Brings whatever ImageIO produced into one of the two layouts the rest of facetrain works with:
 * 8-bit grey or 8-bit BGR, alpha dropped. Greyscale stays greyscale (also palette images whose every
 * entry is grey, as GIF and low-bit-depth PNG store grey), so a grey face is not tripled into colour.
 */
final class PixelLayout {

    private PixelLayout() {
    }

    static BufferedImage normalise(BufferedImage source) {
        int type = source.getType();
        if (type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_3BYTE_BGR) {
            return source;
        }
        ColorModel model = source.getColorModel();
        if (model instanceof IndexColorModel palette) {
            return isGreyPalette(palette) ? greyFromRgb(source) : bgrFromRgb(source);
        }
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return greyFromRaster(source);
        }
        return bgrFromRgb(source);
    }

    private static boolean isGreyPalette(IndexColorModel palette) {
        for (int i = 0; i < palette.getMapSize(); i++) {
            int r = palette.getRed(i);
            if (r != palette.getGreen(i) || r != palette.getBlue(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Grey component images (8 or 16 bit, with or without alpha): band 0 rescaled to 8 bits. The raster is
     * read directly because getRGB would convert the linear grey colour space to sRGB and brighten it.
     */
    private static BufferedImage greyFromRaster(BufferedImage source) {
        int width = source.getWidth();
        int height = source.getHeight();
        Raster in = source.getRaster();
        int bits = in.getSampleModel().getSampleSize(0);
        long max = (1L << bits) - 1;
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster out = grey.getRaster();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            in.getSamples(0, y, width, 1, 0, row);
            if (bits != 8) {
                for (int x = 0; x < width; x++) {
                    row[x] = (int) ((row[x] * 255L + max / 2) / max);
                }
            }
            out.setSamples(0, y, width, 1, 0, row);
        }
        return grey;
    }

    /** Palette images whose entries are all grey: any one of the equal sRGB components is the grey level. */
    private static BufferedImage greyFromRgb(BufferedImage source) {
        int width = source.getWidth();
        int height = source.getHeight();
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster out = grey.getRaster();
        int[] argb = new int[width];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            source.getRGB(0, y, width, 1, argb, 0, width);
            for (int x = 0; x < width; x++) {
                row[x] = argb[x] & 0xFF;
            }
            out.setSamples(0, y, width, 1, 0, row);
        }
        return grey;
    }

    private static BufferedImage bgrFromRgb(BufferedImage source) {
        int width = source.getWidth();
        int height = source.getHeight();
        BufferedImage bgr = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        int[] argb = new int[width];
        for (int y = 0; y < height; y++) {
            // Alpha is dropped, not blended: the colour stays as stored (TYPE_3BYTE_BGR ignores alpha).
            source.getRGB(0, y, width, 1, argb, 0, width);
            bgr.setRGB(0, y, width, 1, argb, 0, width);
        }
        return bgr;
    }
}
