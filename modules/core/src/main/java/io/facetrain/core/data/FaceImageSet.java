package io.facetrain.core.data;

import io.facetrain.core.preprocess.PreprocessConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Decoded, cropped and resized face images held in memory for a run, so that each image is decoded once:
 * 8-bit planes of {@link PreprocessConfig#cachedSize()} pixels square (see
 * {@link io.facetrain.core.preprocess.FaceCropper}), with their person labels and identifiers. Labels are
 * dense ints indexing {@link #personIds()}; a subset keeps the labels (and person list) of its parent.
 * Immutable.
 */
public final class FaceImageSet {

    private final PreprocessConfig config;
    private final List<String> personIds;
    private final int[] labels;
    private final String[] imageIds;
    private final String[] sourcePaths;
    private final byte[][] pixels;

    FaceImageSet(PreprocessConfig config, List<String> personIds, int[] labels, String[] imageIds,
                 String[] sourcePaths, byte[][] pixels) {
        this.config = Objects.requireNonNull(config, "config");
        this.personIds = Collections.unmodifiableList(new ArrayList<>(personIds));
        if (labels.length != imageIds.length || labels.length != sourcePaths.length || labels.length != pixels.length) {
            throw new IllegalArgumentException("labels, ids, paths and pixels differ in length");
        }
        int expected = config.channels() * config.cachedSize() * config.cachedSize();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= personIds.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is not a person index");
            }
            if (pixels[i].length != expected) {
                throw new IllegalArgumentException("image " + imageIds[i] + " has " + pixels[i].length
                        + " cached bytes, expected " + expected);
            }
        }
        this.labels = labels;
        this.imageIds = imageIds;
        this.sourcePaths = sourcePaths;
        this.pixels = pixels;
    }

    /**
     * Builds a set from already-cropped images (tests, generated data rendered in memory).
     *
     * @param personOfImage person id of each image; labels are assigned in order of first appearance
     */
    public static FaceImageSet of(PreprocessConfig config, List<String> personOfImage, List<String> imageIds,
                                  List<String> sourcePaths, List<byte[]> pixels) {
        List<String> persons = new ArrayList<>();
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        int[] labels = new int[personOfImage.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = index.computeIfAbsent(personOfImage.get(i), p -> {
                persons.add(p);
                return persons.size() - 1;
            });
        }
        return new FaceImageSet(config, persons, labels, imageIds.toArray(new String[0]),
                sourcePaths.toArray(new String[0]), pixels.toArray(new byte[0][]));
    }

    /** The preprocessing the cached pixels were made with. */
    public PreprocessConfig config() {
        return config;
    }

    public int size() {
        return labels.length;
    }

    /** Person label of image i (an index into {@link #personIds()}). */
    public int label(int i) {
        return labels[i];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Every person of the parent dataset, by label. */
    public List<String> personIds() {
        return personIds;
    }

    public String imageId(int i) {
        return imageIds[i];
    }

    /** Path of image i relative to the ingest input (e.g. {@code Name/Name_0001.jpg}). */
    public String sourcePath(int i) {
        return sourcePaths[i];
    }

    /** The cached planes of image i; do not modify. */
    public byte[] pixels(int i) {
        return pixels[i];
    }

    /** Number of distinct persons among this set's images. */
    public int distinctPersons() {
        return (int) java.util.Arrays.stream(labels).distinct().count();
    }

    /** Bytes held by the cached pixels. */
    public long cachedBytes() {
        long n = 0;
        for (byte[] p : pixels) {
            n += p.length;
        }
        return n;
    }

    /** The images at {@code indices}, in that order, sharing this set's pixel arrays and person list. */
    public FaceImageSet subset(int[] indices) {
        int[] l = new int[indices.length];
        String[] ids = new String[indices.length];
        String[] paths = new String[indices.length];
        byte[][] px = new byte[indices.length][];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            l[k] = labels[i];
            ids[k] = imageIds[i];
            paths[k] = sourcePaths[i];
            px[k] = pixels[i];
        }
        return new FaceImageSet(config, personIds, l, ids, paths, px);
    }
}
