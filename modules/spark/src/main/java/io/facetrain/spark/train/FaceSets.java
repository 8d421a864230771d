package io.facetrain.spark.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.preprocess.PreprocessConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Turns cached faces into the {@link FaceImageSet} core's training and evaluation code take, in a fixed
 * order (person id, source path, image id) whatever order they arrived in, so that a worker's samplers see
 * the same images at the same indices on every attempt and in every replay.
 */
public final class FaceSets {

    private static final Comparator<CachedFace> ORDER = Comparator.comparing(CachedFace::personId)
            .thenComparing(CachedFace::sourcePath).thenComparing(CachedFace::imageId);

    private FaceSets() {
    }

    /** The faces as a set (empty when there are none). */
    public static FaceImageSet of(PreprocessConfig preprocess, Iterator<CachedFace> faces) {
        List<CachedFace> sorted = new ArrayList<>();
        faces.forEachRemaining(sorted::add);
        sorted.sort(ORDER);
        List<String> persons = new ArrayList<>(sorted.size());
        List<String> ids = new ArrayList<>(sorted.size());
        List<String> paths = new ArrayList<>(sorted.size());
        List<byte[]> pixels = new ArrayList<>(sorted.size());
        for (CachedFace f : sorted) {
            persons.add(f.personId());
            ids.add(f.imageId());
            paths.add(f.sourcePath());
            pixels.add(f.pixels());
        }
        return FaceImageSet.of(preprocess, persons, ids, paths, pixels);
    }
}
