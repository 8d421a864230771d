package io.facetrain.bench;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.preprocess.PreprocessConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ShippedFacesTest {

    @Test
    void aSerialisedCopyHoldsEveryImageAtTheSameIndexWithItsPersonAndPreprocessing() throws Exception {
        PreprocessConfig config = PreprocessConfig.builder().channels(1).inputSize(8).jitterFraction(0).build();
        int bytes = config.cachedSize() * config.cachedSize();
        List<String> persons = List.of("b", "a", "b", "c", "a");
        List<String> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<byte[]> pixels = new ArrayList<>();
        for (int i = 0; i < persons.size(); i++) {
            ids.add("id" + i);
            paths.add(persons.get(i) + "/" + i + ".png");
            byte[] p = new byte[bytes];
            for (int j = 0; j < bytes; j++) {
                p[j] = (byte) (31 * i + j);
            }
            pixels.add(p);
        }
        FaceImageSet original = FaceImageSet.of(config, persons, ids, paths, pixels);
        // A subset reorders the images: indices of the shipped copy must follow the subset, not the source lists.
        FaceImageSet subset = original.subset(new int[] {4, 0, 3});

        FaceImageSet copy = roundTrip(ShippedFaces.of(subset)).faces();

        assertEquals(subset.size(), copy.size());
        assertEquals(subset.config().toJson(), copy.config().toJson());
        for (int i = 0; i < subset.size(); i++) {
            assertArrayEquals(subset.pixels(i), copy.pixels(i), "pixels of image " + i);
            assertEquals(subset.imageId(i), copy.imageId(i));
            assertEquals(subset.sourcePath(i), copy.sourcePath(i));
            assertEquals(subset.personIds().get(subset.label(i)), copy.personIds().get(copy.label(i)));
        }
    }

    private static ShippedFaces roundTrip(ShippedFaces faces) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(faces);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ShippedFaces) in.readObject();
        }
    }
}
