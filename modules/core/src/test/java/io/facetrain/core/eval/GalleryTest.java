package io.facetrain.core.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static io.facetrain.core.eval.RocCurveTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class GalleryTest {

    // Exact unit vectors: squared distances between them are 0, 2 or 4 exactly.
    private static final float[] EAST = {1, 0};
    private static final float[] NORTH = {0, 1};
    private static final float[] WEST = {-1, 0};
    private static final float[] SOUTH = {0, -1};

    private static Gallery compass() {
        return Gallery.builder()
                .add("east", EAST)
                .add("north", NORTH)
                .add("west", WEST)
                .add("north", new float[] {0.6f, 0.8f})
                .build();
    }

    @Test
    void identityDistanceIsTheMinimumOverItsEmbeddings() {
        Gallery g = compass();
        assertEquals(List.of("east", "north", "west"), g.identities());
        assertEquals(4, g.size());
        assertEquals(2, g.dimension());
        assertTrue(g.contains("west"));
        assertFalse(g.contains("south"));
        // Probe (0.6, 0.8) is exactly north's second embedding.
        Match m = g.nearest(new float[] {0.6f, 0.8f});
        assertEquals("north", m.identity());
        assertEquals(0.0, m.distance(), 0.0);
    }

    @Test
    void rankedMatchesAreSortedWithTiesInEnrolmentOrder() {
        // SOUTH is at distance 2 from east and west, 4 from north (0,1) and 3.6 from (0.6, 0.8):
        // |(0.6, 1.8)|² = 0.36 + 3.24 = 3.6.
        List<Match> ranked = compass().nearest(SOUTH, 5);
        assertEquals(3, ranked.size());
        assertEquals("east", ranked.get(0).identity());
        assertEquals("west", ranked.get(1).identity());
        assertEquals("north", ranked.get(2).identity());
        assertEquals(2.0, ranked.get(0).distance(), 0.0);
        assertEquals(3.6, ranked.get(2).distance(), 1e-6);
        assertEquals("east", compass().nearest(SOUTH).identity(), "tie goes to the first enrolled");
    }

    @Test
    void recognitionAnswersNotRecognisedBeyondTheThreshold() {
        Gallery g = compass();
        // (0.96, 0.28) is at 0.08 from east and 0.4 from north's (0.6, 0.8).
        Recognition yes = g.recognise(new float[] {0.96f, 0.28f}, 0.1);
        assertTrue(yes.recognised());
        assertEquals(Optional.of("east"), yes.identity());

        Recognition no = g.recognise(SOUTH, 1.9);
        assertFalse(no.recognised());
        assertEquals(Optional.empty(), no.identity());
        assertEquals("east", no.nearest().identity(), "the nearest candidate is still reported");
        assertTrue(no.toString().startsWith("not recognised"), no.toString());

        assertTrue(g.recognise(SOUTH, 2.0).recognised(), "distance equal to τ is accepted");
    }

    @Test
    void badInputIsRejected() {
        assertMessage("at least one enrolled embedding", () -> Gallery.builder().build());
        assertMessage("has dimension 3, the gallery has 2",
                () -> Gallery.builder().add("a", EAST).add("b", new float[] {1, 0, 0}));
        assertMessage("contains NaN", () -> Gallery.builder().add("a", new float[] {Float.NaN, 0}));
        assertMessage("non-empty string", () -> Gallery.builder().add("", EAST));
        assertMessage("probe has dimension 3", () -> compass().nearest(new float[] {1, 0, 0}));
        assertMessage("k must be >= 1", () -> compass().nearest(EAST, 0));
        assertMessage("threshold is NaN", () -> compass().recognise(EAST, Double.NaN));
    }
}
