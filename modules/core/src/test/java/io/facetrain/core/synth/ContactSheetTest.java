package io.facetrain.core.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContactSheetTest {

    @Test
    void sheetIsAGridOfEnlargedFaces() {
        SyntheticFaces faces = new SyntheticFaces(2, 32);
        BufferedImage sheet = ContactSheet.render(faces, 2, 3, 2);
        assertEquals(3 * 64 + 2 * 2, sheet.getWidth());
        assertEquals(2 * 64 + 2, sheet.getHeight());
        // Row 1, column 2 holds image 2 of person 1, each pixel doubled.
        BufferedImage face = faces.render(1, 2);
        assertEquals(face.getRGB(10, 20), sheet.getRGB(2 * (64 + 2) + 20, 64 + 2 + 40));
        assertEquals(face.getRGB(10, 20), sheet.getRGB(2 * (64 + 2) + 21, 64 + 2 + 41));
    }

    @Test
    void writtenSheetIsAPalettePngOfTheSameSize(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sheet.png");
        ContactSheet.write(new SyntheticFaces(2, 32), 3, 2, 1, file);
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(2 * 32 + 2, read.getWidth());
        assertEquals(3 * 32 + 2 * 2, read.getHeight());
        assertTrue(read.getColorModel() instanceof IndexColorModel, read.getColorModel().toString());
    }

    @Test
    void badDimensionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ContactSheet.render(new SyntheticFaces(1, 32), 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ContactSheet.render(new SyntheticFaces(1, 32), 1, 1, 9));
    }

    @Test
    void quantisingKeepsImagesOfFewColoursWithinOneLevel() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Color[] colours = {new Color(200, 40, 40), new Color(30, 160, 90), new Color(20, 20, 220), Color.WHITE};
        for (int i = 0; i < colours.length; i++) {
            g.setColor(colours[i]);
            g.fillRect(i * 4, 0, 4, 16);
        }
        g.dispose();
        BufferedImage indexed = PaletteQuantiser.quantise(image);
        assertEquals(BufferedImage.TYPE_BYTE_INDEXED, indexed.getType());
        for (int i = 0; i < colours.length; i++) {
            Color got = new Color(indexed.getRGB(i * 4 + 1, 5));
            int[] expected = {colours[i].getRed(), colours[i].getGreen(), colours[i].getBlue()};
            int[] actual = {got.getRed(), got.getGreen(), got.getBlue()};
            for (int c = 0; c < 3; c++) {
                assertTrue(Math.abs(expected[c] - actual[c]) <= 4,
                        "colour " + i + ": expected " + Arrays.toString(expected) + " got "
                                + Arrays.toString(actual));
            }
        }
        assertArrayEquals(new int[] {16, 16}, new int[] {indexed.getWidth(), indexed.getHeight()});
    }
}
