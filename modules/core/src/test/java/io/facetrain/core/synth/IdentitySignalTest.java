package io.facetrain.core.synth;

import io.facetrain.core.baseline.ImagePair;
import io.facetrain.core.eval.AccuracyThreshold;
import io.facetrain.core.baseline.VerificationPairs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Identity must survive the nuisance: the skin colour of the face region, measured as chromaticity
 * (which an overall exposure change leaves alone), is closer between two images of one person than between
 * images of different persons.
 */
class IdentitySignalTest {

    private static final int PERSONS = 100;
    private static final int IMAGES = 6;

    @Test
    @Timeout(60)
    void faceChromaticityIsCloserWithinAPersonThanBetweenPersons() {
        SyntheticFaces faces = new SyntheticFaces(7, 64);
        double[][][] chroma = new double[PERSONS][IMAGES][];
        for (int p = 0; p < PERSONS; p++) {
            for (int i = 0; i < IMAGES; i++) {
                chroma[p][i] = faceChromaticity(faces.render(p, i));
            }
        }
        List<ImagePair> pairs = VerificationPairs.sample(PERSONS, IMAGES, 600, 600, 3);
        double[] distances = new double[pairs.size()];
        boolean[] same = new boolean[pairs.size()];
        double sameSum = 0;
        double differentSum = 0;
        for (int k = 0; k < pairs.size(); k++) {
            ImagePair pair = pairs.get(k);
            double[] a = chroma[pair.personA()][pair.imageA()];
            double[] b = chroma[pair.personB()][pair.imageB()];
            distances[k] = Math.hypot(a[0] - b[0], a[1] - b[1]);
            same[k] = pair.samePerson();
            if (same[k]) {
                sameSum += distances[k];
            } else {
                differentSum += distances[k];
            }
        }
        double meanSame = sameSum / 600;
        double meanDifferent = differentSum / 600;
        assertTrue(meanSame < 0.75 * meanDifferent,
                "same-person chromaticity distance " + meanSame + " vs different-person " + meanDifferent);
        double accuracy = AccuracyThreshold.maximise(distances, same).accuracy();
        assertTrue(accuracy > 0.6, "one colour statistic alone should beat chance clearly, got " + accuracy);
    }

    /** Mean (r, g) chromaticity of a square on the cheeks and nose, where the face sits in every image. */
    private static double[] faceChromaticity(BufferedImage image) {
        int size = image.getWidth();
        int x0 = (int) (0.42 * size);
        int x1 = (int) (0.58 * size);
        int y0 = (int) (0.50 * size);
        int y1 = (int) (0.66 * size);
        double r = 0;
        double g = 0;
        double b = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                r += (rgb >> 16) & 0xFF;
                g += (rgb >> 8) & 0xFF;
                b += rgb & 0xFF;
            }
        }
        double total = r + g + b + 1e-9;
        return new double[] {r / total, g / total};
    }
}
