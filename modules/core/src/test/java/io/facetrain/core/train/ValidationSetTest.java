package io.facetrain.core.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.eval.ImagePair;
import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.schema.FacePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ValidationSetTest {

    private static FaceImageSet set() {
        PreprocessConfig c = PreprocessConfig.builder().channels(1).inputSize(8).jitterFraction(0).build();
        List<String> persons = List.of("Ann", "Ann", "Ann", "Bob", "Bob", "Cy");
        List<String> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<byte[]> pixels = new ArrayList<>();
        int[] number = {1, 2, 3, 1, 2, 1};
        for (int i = 0; i < persons.size(); i++) {
            ids.add("id" + i);
            paths.add(persons.get(i) + "/" + persons.get(i) + String.format("_%04d.jpg", number[i]));
            pixels.add(new byte[64]);
        }
        return FaceImageSet.of(c, persons, ids, paths, pixels);
    }

    @Test
    void capsPairCountsAtWhatThePersonsAllow() {
        // Same pairs: C(3,2) + C(2,2) = 4; different pairs: (6·5/2) − 4 = 11.
        assertArrayEquals(new long[] {4, 11}, ValidationSet.availablePairs(set().labels()));
        ValidationSet v = ValidationSet.sample(set(), 100, 100, 1);
        assertEquals(15, v.pairs().size());
        assertEquals(4, v.samePairCount());
        assertTrue(v.pairList().isEmpty());
    }

    @Test
    void resolvesPairListsByPersonAndImageNumber() {
        List<FacePair> list = List.of(
                FacePair.newBuilder().setFold(0).setLeftPersonId("Ann").setLeftImageNumber(3).setRightPersonId("Ann")
                        .setRightImageNumber(1).setSame(true).build(),
                FacePair.newBuilder().setFold(0).setLeftPersonId("Bob").setLeftImageNumber(2).setRightPersonId("Cy")
                        .setRightImageNumber(1).setSame(false).build());
        ValidationSet v = ValidationSet.fromPairList(set(), list);
        assertEquals(List.of(new ImagePair(0, 2, true), new ImagePair(4, 5, false)), v.pairs());
        assertEquals(list, v.pairList().orElseThrow());

        List<FacePair> missing = List.of(FacePair.newBuilder().setFold(0).setLeftPersonId("Ann").setLeftImageNumber(9)
                .setRightPersonId("Bob").setRightImageNumber(1).setSame(false).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValidationSet.fromPairList(set(), missing));
        assertTrue(e.getMessage().contains("Ann 9"), e.getMessage());
    }

    @Test
    void readsImageNumbersFromLfwStyleNames() {
        assertEquals(12, ValidationSet.imageNumber("George_W_Bush/George_W_Bush_0012.jpg"));
        assertEquals(3, ValidationSet.imageNumber("synth_00001_0003.png"));
        assertEquals(-1, ValidationSet.imageNumber("person/photo.jpg"));
        assertEquals(-1, ValidationSet.imageNumber("person/photo_ab.jpg"));
    }

    @Test
    void needsBothKindsOfPairs() {
        PreprocessConfig c = PreprocessConfig.builder().channels(1).inputSize(8).jitterFraction(0).build();
        FaceImageSet singles = FaceImageSet.of(c, List.of("a", "b"), List.of("1", "2"), List.of("a/a_0001.png",
                "b/b_0001.png"), List.of(new byte[64], new byte[64]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValidationSet.sample(singles, 10, 10, 1));
        assertTrue(e.getMessage().contains("0 same-person"), e.getMessage());
    }

    @Test
    void onImagesKeepsThePairsOverTheSameImagesFromAnotherSet() {
        ValidationSet v = ValidationSet.sample(set().subset(new int[] {0, 1, 3, 4, 5}), 100, 100, 1);
        // The same dataset decoded for another model: other pixels, images in another order, one extra.
        PreprocessConfig c = PreprocessConfig.builder().channels(3).inputSize(8).jitterFraction(0).build();
        List<String> persons = List.of("Cy", "Bob", "Bob", "Ann", "Ann", "Ann");
        List<String> ids = List.of("id5", "id4", "id3", "id2", "id1", "id0");
        List<String> paths = new ArrayList<>();
        List<byte[]> pixels = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            paths.add("p" + i + ".png");
            pixels.add(new byte[192]);
        }
        ValidationSet moved = v.onImages(FaceImageSet.of(c, persons, ids, paths, pixels));
        assertEquals(v.pairs(), moved.pairs());
        assertEquals(v.images().size(), moved.images().size());
        for (int i = 0; i < v.images().size(); i++) {
            assertEquals(v.images().imageId(i), moved.images().imageId(i));
            assertEquals(192, moved.images().pixels(i).length, "pixels come from the other set");
        }
        assertArrayEquals(v.same(), moved.same());
        FaceImageSet lacking = FaceImageSet.of(c, List.of("Ann"), List.of("id0"), List.of("a.png"), List.of(new byte[192]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.onImages(lacking));
        assertTrue(e.getMessage().contains("id1"), e.getMessage());
    }
}
