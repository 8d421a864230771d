package io.facetrain.core.baseline;

import io.facetrain.core.eval.AccuracyThreshold;

import io.facetrain.core.synth.SyntheticFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RawPixelBaselineTest {

    /**
     * The generated faces must not be separable by raw pixels: even at the threshold that suits the
     * scored pairs best, every pixel view stays under 75% verification accuracy.
     */
    @Test
    @Timeout(60)
    void rawPixelDistanceStaysUnder75PercentOnGeneratedFaces() throws Exception {
        int persons = 120;
        int images = 6;
        SyntheticFaces faces = new SyntheticFaces(1, 64);
        BufferedImage[][] rendered = new BufferedImage[persons][images];
        for (int p = 0; p < persons; p++) {
            for (int i = 0; i < images; i++) {
                rendered[p][i] = faces.render(p, i);
            }
        }
        List<ImagePair> pairs = VerificationPairs.sample(persons, images, 800, 800, 2);
        Map<PixelView, AccuracyThreshold> results =
                RawPixelBaseline.measure((person, image) -> rendered[person][image], pairs);
        assertEquals(PixelView.values().length, results.size());
        results.forEach((view, best) ->
                assertTrue(best.accuracy() < 0.75, view + " reaches " + best.accuracy()));
    }

    /** The measurement itself can tell identities apart when the pixels do carry them. */
    @Test
    void identicalImagesOfAPersonAreVerifiedPerfectly() throws Exception {
        SyntheticFaces faces = new SyntheticFaces(4, 32);
        BufferedImage[] oneImagePerPerson = new BufferedImage[10];
        for (int p = 0; p < oneImagePerPerson.length; p++) {
            oneImagePerPerson[p] = faces.render(p, 0);
        }
        // Every "image" of a person is the same picture, so same-person distances are all zero.
        List<ImagePair> pairs = VerificationPairs.sample(10, 4, 10, 30, 5);
        Map<PixelView, AccuracyThreshold> results =
                RawPixelBaseline.measure((person, image) -> oneImagePerPerson[person], pairs);
        results.forEach((view, best) -> assertEquals(1.0, best.accuracy(), view.name()));
    }
}
