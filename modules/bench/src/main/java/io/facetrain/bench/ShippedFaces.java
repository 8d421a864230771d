package io.facetrain.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.preprocess.PreprocessConfig;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A {@link FaceImageSet} in a form Spark can broadcast: the cached pixels and names of every image in the
 * set's order (so that image indices mean the same on the driver and on the executors) and the preprocessing
 * as JSON. The set is rebuilt once per deserialised copy.
 */
final class ShippedFaces implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String preprocess;
    private final String[] persons;
    private final String[] imageIds;
    private final String[] sourcePaths;
    private final byte[][] pixels;
    private transient FaceImageSet faces;

    private ShippedFaces(String preprocess, String[] persons, String[] imageIds, String[] sourcePaths, byte[][] pixels) {
        this.preprocess = preprocess;
        this.persons = persons;
        this.imageIds = imageIds;
        this.sourcePaths = sourcePaths;
        this.pixels = pixels;
    }

    static ShippedFaces of(FaceImageSet set) {
        Objects.requireNonNull(set, "set");
        int n = set.size();
        String[] persons = new String[n];
        String[] ids = new String[n];
        String[] paths = new String[n];
        byte[][] pixels = new byte[n][];
        for (int i = 0; i < n; i++) {
            persons[i] = set.personIds().get(set.label(i));
            ids[i] = set.imageId(i);
            paths[i] = set.sourcePath(i);
            pixels[i] = set.pixels(i);
        }
        return new ShippedFaces(set.config().toJson().toString(), persons, ids, paths, pixels);
    }

    /** The images, at the indices they had in the original set. */
    synchronized FaceImageSet faces() {
        if (faces == null) {
            PreprocessConfig config;
            try {
                config = PreprocessConfig.fromJson(new ObjectMapper().readTree(preprocess));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the shipped preprocessing " + preprocess, e);
            }
            faces = FaceImageSet.of(config, List.of(persons), List.of(imageIds), List.of(sourcePaths),
                    Arrays.asList(pixels));
        }
        return faces;
    }
}
