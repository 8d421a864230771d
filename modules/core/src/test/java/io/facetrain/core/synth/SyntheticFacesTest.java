package io.facetrain.core.synth;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticFacesTest {

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    @Test
    void anImageDependsOnlyOnSeedPersonAndIndexNotOnWhatWasRenderedBefore() {
        SyntheticFaces forward = new SyntheticFaces(11, 64);
        int[][] inOrder = new int[4][];
        for (int i = 0; i < 4; i++) {
            inOrder[i] = pixels(forward.render(5, i));
        }
        SyntheticFaces backward = new SyntheticFaces(11, 64);
        backward.render(9, 9);
        for (int i = 3; i >= 0; i--) {
            assertArrayEquals(inOrder[i], pixels(backward.render(5, i)), "image " + i + " of person 5");
        }
    }

    @Test
    void imagesAreSquareRgbOfTheRequestedSize() {
        BufferedImage image = new SyntheticFaces(1, 48).render(0, 0);
        assertEquals(48, image.getWidth());
        assertEquals(48, image.getHeight());
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
    }

    @Test
    void everyImageOfOnePersonIsDifferent() {
        SyntheticFaces faces = new SyntheticFaces(3, 32);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            assertTrue(seen.add(Arrays.toString(pixels(faces.render(2, i)))), "image " + i + " repeats");
        }
    }

    @Test
    void anotherSeedGivesOtherPersons() {
        assertFalse(new SyntheticFaces(1, 32).traits(0).equals(new SyntheticFaces(2, 32).traits(0)));
        assertFalse(Arrays.equals(pixels(new SyntheticFaces(1, 32).render(0, 0)),
                pixels(new SyntheticFaces(2, 32).render(0, 0))));
    }

    @Test
    void traitsAreTheSameForEveryImageOfAPersonAndDifferBetweenPersons() {
        SyntheticFaces faces = new SyntheticFaces(5, 64);
        assertEquals(faces.traits(7), faces.traits(7));
        assertFalse(faces.traits(7).equals(faces.traits(8)));
        assertFalse(faces.variation(7, 0).equals(faces.variation(7, 1)));
    }

    @Test
    void tooSmallSizeOrNegativeIndexIsRejectedWithAMessage() {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> new SyntheticFaces(1, 31));
        assertTrue(small.getMessage().contains("31"), small.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new SyntheticFaces(1, 32).render(-1, 0));
        assertTrue(negative.getMessage().contains("person index"), negative.getMessage());
    }
}
