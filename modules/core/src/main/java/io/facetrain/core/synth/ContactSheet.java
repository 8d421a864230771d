package io.facetrain.core.synth;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A grid of generated faces, one row per person, enlarged with square pixels, for looking at the data. */
public final class ContactSheet {

    private static final int GAP = 2;

    private ContactSheet() {
    }

    /**
     * @param faces   the dataset
     * @param persons rows: persons 0 .. persons-1
     * @param images  columns: images 0 .. images-1 of each person
     * @param zoom    pixel enlargement factor, 1 to 8
     */
    public static BufferedImage render(SyntheticFaces faces, int persons, int images, int zoom) {
        if (persons < 1 || images < 1 || zoom < 1 || zoom > 8) {
            throw new IllegalArgumentException("contact sheet needs persons >= 1, images >= 1 and zoom 1..8, got "
                    + persons + ", " + images + ", " + zoom);
        }
        int cell = faces.size() * zoom;
        BufferedImage sheet = new BufferedImage(images * cell + (images - 1) * GAP, persons * cell + (persons - 1) * GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            for (int p = 0; p < persons; p++) {
                for (int i = 0; i < images; i++) {
                    g.drawImage(faces.render(p, i), i * (cell + GAP), p * (cell + GAP), cell, cell, null);
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /**
     * Renders the sheet and writes it as a 256-colour PNG file: small enough for documentation, where a
     * full-colour sheet of noisy photographs would be several times larger.
     */
    public static void write(SyntheticFaces faces, int persons, int images, int zoom, Path file) throws IOException {
        Files.write(file, PngEncoder.encode(PaletteQuantiser.quantise(render(faces, persons, images, zoom))));
    }
}
