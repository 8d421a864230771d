package io.facetrain.core.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.facetrain.core.eval.RocCurveTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class IdentificationEvaluatorTest {

    private static final double EPS = 1e-12;

    private static float[] unit(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(r), (float) Math.sin(r)};
    }

    /*
     * Hand-made 2-D example. Gallery: identities A..H at 0°, 45°, ..., 315° on the unit circle (images 0..7).
     * Squared distance grows with the angle between two unit vectors (2 − 2 cos θ), so ranks follow angles.
     *   image  person  angle  angles to the gallery, nearest first          rank of the truth
     *   8      A       10°    A 10                                          1
     *   9      A       30°    B 15, A 30                                    2
     *   10     C       200°   E 20, F 25, D 65, G 70, C 110                 5
     *   11     D       330°   H 15, A 30, G 60, B 75, F 105, C 120, E 150, D 165   8
     *   12     B       45°    B 0                                           1
     *   13     U1      22.5°  (unknown) nearest A/B at 22.5
     *   14     U2      97°    (unknown) nearest C at 7
     * rank-1 = 2/5, rank-5 = 4/5 (ranks 1, 2, 5, 1), rank-8 = 1.
     * Best distances by angle: 12: 0 K, 14: 7 U, 8: 10 K, 9: 15 K, 11: 15 K, 10: 20 K, 13: 22.5 U.
     * Open set, FAR target 0.01 with 2 unknown probes: no false alarm allowed, τ between 0° and 7°:
     *   only image 12 is accepted (and correct) → DIR = 1/5; 4 known and 2 unknown "not recognised".
     * FAR target 0.5: one false alarm allowed, τ between 20° and 22.5°: every known probe is accepted,
     *   images 8 and 12 correctly (DIR = 2/5), 9, 10, 11 with a wrong identity; image 14 is a false alarm.
     */
    private static final double[] ANGLES = {0, 45, 90, 135, 180, 225, 270, 315, 10, 30, 200, 330, 45, 22.5, 97};
    private static final List<String> PERSONS =
            List.of("A", "B", "C", "D", "E", "F", "G", "H", "A", "A", "C", "D", "B", "U1", "U2");

    private static float[][] embeddings() {
        float[][] e = new float[ANGLES.length][];
        for (int i = 0; i < ANGLES.length; i++) {
            e[i] = unit(ANGLES[i]);
        }
        return e;
    }

    private static GalleryProbeSplit handSplit() {
        return GalleryProbeSplit.of(PERSONS, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, new int[] {8, 9, 10, 11, 12, 13, 14});
    }

    private static double distanceAt(double degrees) {
        return 2 - 2 * Math.cos(Math.toRadians(degrees));
    }

    @Test
    void ranksOnTheHandMadeExample() {
        IdentificationResult r = new IdentificationEvaluator(IdentificationConfig.defaults())
                .evaluate(embeddings(), handSplit());
        assertArrayEquals(new int[] {1, 2, 5, 8, 1}, r.ranks());
        assertEquals(0.4, r.rank1(), EPS);
        assertEquals(0.8, r.rank5(), EPS);
        assertEquals(0.6, r.rankRate(4), EPS);
        assertEquals(1.0, r.rankRate(8), EPS);
        assertEquals(8, r.galleryImages());
        assertEquals(8, r.galleryIdentities());
        assertEquals(5, r.knownProbes());
        assertEquals(2, r.unknownPersons());
        assertEquals(2, r.unknownProbes());
    }

    @Test
    void openSetAtStrictFarAnswersNotRecognised() {
        IdentificationConfig config = IdentificationConfig.builder().openSetFar(0.01).build();
        OpenSetResult o = new IdentificationEvaluator(config).evaluate(embeddings(), handSplit()).openSet().orElseThrow();
        assertEquals(0.2, o.detectionIdentificationRate(), EPS);
        assertEquals(0.0, o.falseAlarmRate(), EPS);
        assertEquals(1, o.knownCorrect());
        assertEquals(0, o.knownWrongIdentity());
        assertEquals(4, o.knownNotRecognised());
        assertEquals(0, o.unknownFalseAlarms());
        assertEquals(2, o.unknownNotRecognised());
        assertTrue(o.threshold() < distanceAt(7) && o.threshold() >= 0.0, "τ between 0° and 7°: " + o.threshold());

        // The same τ used by a Gallery gives the same answers.
        Gallery gallery = handSplit().gallery(embeddings());
        assertFalse(gallery.recognise(unit(97), o.threshold()).recognised());
        assertFalse(gallery.recognise(unit(10), o.threshold()).recognised());
        assertEquals("B", gallery.recognise(unit(45), o.threshold()).identity().orElseThrow());
    }

    @Test
    void openSetAtLooseFarAcceptsWrongIdentitiesAndOneFalseAlarm() {
        IdentificationConfig config = IdentificationConfig.builder().openSetFar(0.5).build();
        OpenSetResult o = new IdentificationEvaluator(config).evaluate(embeddings(), handSplit()).openSet().orElseThrow();
        assertEquals(0.4, o.detectionIdentificationRate(), EPS);
        assertEquals(0.5, o.falseAlarmRate(), EPS);
        assertEquals(0.5, o.targetFar(), 0.0);
        assertEquals(2, o.knownCorrect());
        assertEquals(3, o.knownWrongIdentity());
        assertEquals(0, o.knownNotRecognised());
        assertEquals(1, o.unknownFalseAlarms());
        assertEquals(1, o.unknownNotRecognised());
        assertTrue(o.threshold() > distanceAt(20) && o.threshold() < distanceAt(22.5), "τ " + o.threshold());
    }

    @Test
    void exactTiesCountAgainstTheProbe() {
        // Probe (0, 1) of "east" is at exactly 2 from east (1, 0) and from west (-1, 0): rank 2, not 1.
        List<String> persons = List.of("east", "west", "east");
        float[][] e = {{1, 0}, {-1, 0}, {0, 1}};
        IdentificationResult r = new IdentificationEvaluator(IdentificationConfig.defaults())
                .evaluate(e, GalleryProbeSplit.of(persons, new int[] {0, 1}, new int[] {2}));
        assertArrayEquals(new int[] {2}, r.ranks());
        assertTrue(r.openSet().isEmpty(), "no unknown probes, no open-set result");
    }

    /** 10 persons at 36° steps, 4 images each within ±1°; held-out persons are ≥ 34° from any gallery image. */
    @Test
    void wellSeparatedClustersAreIdentifiedPerfectly() {
        Random random = new Random(4);
        int[] labels = new int[40];
        float[][] e = new float[40][];
        for (int i = 0; i < 40; i++) {
            labels[i] = 100 + i % 10;
            e[i] = unit(36.0 * (i % 10) + random.nextDouble() * 2 - 1);
        }
        IdentificationResult r = new IdentificationEvaluator(IdentificationConfig.defaults()).evaluate(e, labels);
        assertEquals(2, r.unknownPersons(), "20% of 10 persons");
        assertEquals(8, r.unknownProbes());
        assertEquals(8, r.galleryImages());
        assertEquals(24, r.knownProbes());
        assertEquals(1.0, r.rank1(), EPS);
        OpenSetResult o = r.openSet().orElseThrow();
        assertEquals(1.0, o.detectionIdentificationRate(), EPS);
        assertEquals(0.0, o.falseAlarmRate(), EPS);
        assertEquals(8, o.unknownNotRecognised());
    }

    @Test
    void seededSplitCoversEveryImageOnce() {
        List<String> labels = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            for (int k = 0; k < 3; k++) {
                labels.add("person" + p);
            }
        }
        IdentificationConfig config = IdentificationConfig.builder().galleryImagesPerPerson(2).seed(9).build();
        GalleryProbeSplit split = GalleryProbeSplit.of(labels, config);
        assertEquals(4, split.unknownPersons());
        assertEquals(16, split.knownPersons());
        assertEquals(32, split.galleryImages().length);
        assertEquals(16, split.knownProbeImages().length);
        assertEquals(12, split.unknownProbeImages().length);
        int[] all = new int[60];
        System.arraycopy(split.galleryImages(), 0, all, 0, 32);
        System.arraycopy(split.knownProbeImages(), 0, all, 32, 16);
        System.arraycopy(split.unknownProbeImages(), 0, all, 48, 12);
        Arrays.sort(all);
        for (int i = 0; i < 60; i++) {
            assertEquals(i, all[i], "every image in exactly one part");
        }
        List<String> enrolled = new ArrayList<>();
        for (int i : split.galleryImages()) {
            enrolled.add(labels.get(i));
        }
        for (int i : split.unknownProbeImages()) {
            assertFalse(enrolled.contains(labels.get(i)), "unknown persons are never enrolled");
        }
        for (int i : split.knownProbeImages()) {
            assertTrue(enrolled.contains(labels.get(i)), "known probes are of enrolled persons");
        }
        assertArrayEquals(split.galleryImages(), GalleryProbeSplit.of(labels, config).galleryImages(), "deterministic");
        GalleryProbeSplit other = GalleryProbeSplit.of(labels, IdentificationConfig.builder().galleryImagesPerPerson(2)
                .seed(10).build());
        assertFalse(Arrays.equals(split.unknownProbeImages(), other.unknownProbeImages()), "another seed, other split");
    }

    @Test
    void inputValidationMessages() {
        IdentificationEvaluator evaluator = new IdentificationEvaluator(IdentificationConfig.defaults());
        assertMessage("no known probes", () -> evaluator.evaluate(new float[][] {{1, 0}, {0, 1}}, new int[] {1, 2}));
        assertMessage("needs at least 2 persons", () -> evaluator.evaluate(new float[][] {{1, 0}, {0, 1}}, new int[] {1, 1}));
        assertMessage("expected 15 embeddings", () -> evaluator.evaluate(new float[3][], handSplit()));
        float[][] bad = embeddings();
        bad[9] = new float[] {Float.NaN, 0};
        assertMessage("embedding of image 9 contains NaN", () -> evaluator.evaluate(bad, handSplit()));
        assertMessage("listed twice", () -> GalleryProbeSplit.of(PERSONS, new int[] {0, 1}, new int[] {1}));
        assertMessage("outside 0..14", () -> GalleryProbeSplit.of(PERSONS, new int[] {0}, new int[] {15}));
        assertMessage("gallery is empty", () -> GalleryProbeSplit.of(PERSONS, new int[0], new int[] {1}));
    }
}
