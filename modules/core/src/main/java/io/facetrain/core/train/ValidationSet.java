package io.facetrain.core.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.eval.Distances;
import io.facetrain.core.eval.ImagePair;
import io.facetrain.core.eval.PairSampler;

import io.facetrain.schema.FacePair;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Images of held-out persons and the verification pairs sampled among them once per run (seeded), so
 * that every evaluation during and after training, and every baseline, is scored on the same pairs.
 */
public final class ValidationSet {

    private final FaceImageSet images;
    private final List<ImagePair> pairs;
    private final List<FacePair> pairList;

    private ValidationSet(FaceImageSet images, List<ImagePair> pairs, List<FacePair> pairList) {
        this.images = images;
        this.pairs = List.copyOf(pairs);
        this.pairList = pairList == null ? null : List.copyOf(pairList);
    }

    /**
     * Pairs from a pair list (e.g. LFW's pairsDevTrain.txt read by {@link io.facetrain.core.eval.LfwPairsParser}),
     * resolved against the images by person id and the 1-based image number of the source file name
     * ({@code Name_0003.jpg} is image 3 of {@code Name}). The list's folds are kept.
     *
     * @throws IllegalArgumentException naming the first pair whose image is not in the set
     */
    public static ValidationSet fromPairList(FaceImageSet images, List<FacePair> list) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            int number = imageNumber(images.sourcePath(i));
            if (number > 0) {
                index.put(images.personIds().get(images.label(i)) + "#" + number, i);
            }
        }
        List<ImagePair> pairs = new ArrayList<>(list.size());
        for (FacePair p : list) {
            Integer left = index.get(p.getLeftPersonId() + "#" + p.getLeftImageNumber());
            Integer right = index.get(p.getRightPersonId() + "#" + p.getRightImageNumber());
            if (left == null || right == null) {
                throw new IllegalArgumentException("pair (" + p.getLeftPersonId() + " " + p.getLeftImageNumber() + ", "
                        + p.getRightPersonId() + " " + p.getRightImageNumber() + ") names an image that is not in the "
                        + "dataset");
            }
            if (left.intValue() == right.intValue()) {
                throw new IllegalArgumentException("pair (" + p.getLeftPersonId() + " " + p.getLeftImageNumber()
                        + ") compares an image with itself");
            }
            pairs.add(new ImagePair(Math.min(left, right), Math.max(left, right), p.getSame()));
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("the pair list is empty");
        }
        return new ValidationSet(images, pairs, list);
    }

    /** The 1-based image number in a source path ending in {@code _NNNN.ext}, or -1. */
    static int imageNumber(String sourcePath) {
        String name = sourcePath.substring(sourcePath.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        int underscore = name.lastIndexOf('_');
        if (underscore < 0 || dot <= underscore + 1) {
            return -1;
        }
        String digits = name.substring(underscore + 1, dot);
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return -1;
            }
        }
        return digits.length() > 9 ? -1 : Integer.parseInt(digits);
    }

    /** The pair list this set was made from, if any (its folds are used for verification). */
    public Optional<List<FacePair>> pairList() {
        return Optional.ofNullable(pairList);
    }

    /**
     * @param samePairs      wanted same-person pairs; capped at the number that exist
     * @param differentPairs wanted different-person pairs; capped likewise
     * @throws IllegalArgumentException when the images allow no same-person or no different-person pair
     */
    public static ValidationSet sample(FaceImageSet images, int samePairs, int differentPairs, long seed) {
        Objects.requireNonNull(images, "images");
        int[] labels = images.labels();
        long[] available = availablePairs(labels);
        int same = (int) Math.min(samePairs, available[0]);
        int different = (int) Math.min(differentPairs, available[1]);
        if (same == 0 || different == 0) {
            throw new IllegalArgumentException("the " + images.distinctPersons() + " validation persons allow " + same
                    + " same-person and " + different + " different-person pairs; both are needed. Use more data or a "
                    + "larger train.validation.fraction");
        }
        return new ValidationSet(images, new PairSampler(seed).sample(labels, same, different), null);
    }

    /** [same-person pairs, different-person pairs] that exist among images with these labels. */
    static long[] availablePairs(int[] labels) {
        java.util.Map<Integer, Integer> count = new java.util.HashMap<>();
        for (int l : labels) {
            count.merge(l, 1, Integer::sum);
        }
        long n = labels.length;
        long same = 0;
        long cross = 0;
        for (int c : count.values()) {
            same += (long) c * (c - 1) / 2;
            cross += c * (n - c);
        }
        return new long[] {same, cross / 2};
    }

    /**
     * The same pairs over the same images taken from {@code other}, e.g. the dataset preprocessed for another
     * model (found by image id, so another model is scored on exactly these pairs and folds).
     *
     * @throws IllegalArgumentException naming the first image of this set that {@code other} lacks
     */
    public ValidationSet onImages(FaceImageSet other) {
        Objects.requireNonNull(other, "other");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < other.size(); i++) {
            index.put(other.imageId(i), i);
        }
        int[] order = new int[images.size()];
        for (int i = 0; i < order.length; i++) {
            Integer j = index.get(images.imageId(i));
            if (j == null) {
                throw new IllegalArgumentException("validation image " + images.imageId(i) + " ("
                        + images.sourcePath(i) + ") is not among the " + other.size() + " images given");
            }
            order[i] = j;
        }
        return new ValidationSet(other.subset(order), pairs, pairList);
    }

    public FaceImageSet images() {
        return images;
    }

    public List<ImagePair> pairs() {
        return pairs;
    }

    /** Squared L2 distance of every pair, from one vector per image. */
    public double[] distances(float[][] vectors) {
        return Distances.ofPairs(vectors, pairs);
    }

    /** Same-person label of every pair. */
    public boolean[] same() {
        return Distances.labelsOf(pairs);
    }

    /** Number of same-person pairs. */
    public int samePairCount() {
        int n = 0;
        for (ImagePair p : pairs) {
            n += p.same() ? 1 : 0;
        }
        return n;
    }
}
