package io.facetrain.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded split of labelled images into a gallery and probes for identification:
 * <ul>
 *   <li>a fraction of the persons is held out as <em>unknown</em>: none of their images is enrolled and all
 *       of them are probes that should be answered "not recognised";</li>
 *   <li>every other (<em>known</em>) person enrols {@code k} images in the gallery (all of them if it has
 *       fewer); its remaining images are known probes.</li>
 * </ul>
 * Persons are taken in order of first appearance and shuffled with {@code new Random(seed)}, so the same
 * labels and settings always give the same split — evaluate every method on one split.
 */
public final class GalleryProbeSplit {

    private final List<String> personOfImage;
    private final int[] galleryImages;
    private final int[] knownProbeImages;
    private final int[] unknownProbeImages;
    private final int knownPersons;
    private final int unknownPersons;

    private GalleryProbeSplit(List<String> personOfImage, int[] galleryImages, int[] knownProbeImages,
                              int[] unknownProbeImages, int knownPersons, int unknownPersons) {
        this.personOfImage = personOfImage;
        this.galleryImages = galleryImages;
        this.knownProbeImages = knownProbeImages;
        this.unknownProbeImages = unknownProbeImages;
        this.knownPersons = knownPersons;
        this.unknownPersons = unknownPersons;
    }

    /**
     * Splits with the settings of {@code config} (gallery images per person, unknown fraction, seed).
     *
     * @param personOfImage person label of every image (index = image index)
     * @throws IllegalArgumentException when a label is null or empty, there are too few persons to hold
     *                                  some out, or no known person has an image left to probe with
     */
    public static GalleryProbeSplit of(List<String> personOfImage, IdentificationConfig config) {
        if (personOfImage == null) {
            throw new IllegalArgumentException("person labels must not be null");
        }
        Map<String, List<Integer>> imagesOf = new LinkedHashMap<>();
        for (int i = 0; i < personOfImage.size(); i++) {
            String label = personOfImage.get(i);
            if (label == null || label.isEmpty()) {
                throw new IllegalArgumentException("person label of image " + i + " is null or empty");
            }
            imagesOf.computeIfAbsent(label, k -> new ArrayList<>()).add(i);
        }
        List<String> persons = new ArrayList<>(imagesOf.keySet());
        int unknownCount = unknownCount(persons.size(), config.unknownPersonFraction());
        Random random = new Random(config.seed());
        shuffle(persons, random);
        List<Integer> gallery = new ArrayList<>();
        List<Integer> knownProbes = new ArrayList<>();
        List<Integer> unknownProbes = new ArrayList<>();
        for (int p = 0; p < persons.size(); p++) {
            List<Integer> images = new ArrayList<>(imagesOf.get(persons.get(p)));
            if (p < unknownCount) {
                unknownProbes.addAll(images);
            } else {
                shuffle(images, random);
                int enrolled = Math.min(config.galleryImagesPerPerson(), images.size());
                gallery.addAll(images.subList(0, enrolled));
                knownProbes.addAll(images.subList(enrolled, images.size()));
            }
        }
        if (knownProbes.isEmpty()) {
            throw new IllegalArgumentException("no known probes: each of the " + (persons.size() - unknownCount)
                    + " known persons has at most " + config.galleryImagesPerPerson()
                    + " image(s), all enrolled in the gallery");
        }
        return new GalleryProbeSplit(List.copyOf(personOfImage), sorted(gallery), sorted(knownProbes),
                sorted(unknownProbes), persons.size() - unknownCount, unknownCount);
    }

    /**
     * An explicit split, e.g. from a published gallery/probe protocol. Probes of persons with an image in
     * the gallery are known probes; the others are unknown probes.
     *
     * @param personOfImage person label of every image
     * @param galleryImages indices of the images to enrol
     * @param probeImages   indices of the images to identify; disjoint from {@code galleryImages}
     * @throws IllegalArgumentException on an index out of range, an image listed twice, an empty gallery,
     *                                  or no known probe
     */
    public static GalleryProbeSplit of(List<String> personOfImage, int[] galleryImages, int[] probeImages) {
        if (personOfImage == null || galleryImages == null || probeImages == null) {
            throw new IllegalArgumentException("person labels, gallery and probe indices must not be null");
        }
        if (galleryImages.length == 0) {
            throw new IllegalArgumentException("the gallery is empty");
        }
        boolean[] used = new boolean[personOfImage.size()];
        Map<String, Boolean> enrolled = new LinkedHashMap<>();
        for (int i : galleryImages) {
            markUsed(used, i, personOfImage);
            enrolled.put(personOfImage.get(i), Boolean.TRUE);
        }
        List<Integer> known = new ArrayList<>();
        List<Integer> unknown = new ArrayList<>();
        Map<String, Boolean> unknownPersons = new LinkedHashMap<>();
        for (int i : probeImages) {
            markUsed(used, i, personOfImage);
            if (enrolled.containsKey(personOfImage.get(i))) {
                known.add(i);
            } else {
                unknown.add(i);
                unknownPersons.put(personOfImage.get(i), Boolean.TRUE);
            }
        }
        if (known.isEmpty()) {
            throw new IllegalArgumentException("no known probes: no probe shows a person enrolled in the gallery");
        }
        return new GalleryProbeSplit(List.copyOf(personOfImage), sorted(toList(galleryImages)), sorted(known),
                sorted(unknown), enrolled.size(), unknownPersons.size());
    }

    private static void markUsed(boolean[] used, int image, List<String> personOfImage) {
        if (image < 0 || image >= used.length) {
            throw new IllegalArgumentException("image index " + image + " is outside 0.." + (used.length - 1));
        }
        if (used[image]) {
            throw new IllegalArgumentException("image " + image + " is listed twice in the gallery/probe split");
        }
        String label = personOfImage.get(image);
        if (label == null || label.isEmpty()) {
            throw new IllegalArgumentException("person label of image " + image + " is null or empty");
        }
        used[image] = true;
    }

    private static List<Integer> toList(int[] values) {
        List<Integer> list = new ArrayList<>(values.length);
        for (int v : values) {
            list.add(v);
        }
        return list;
    }

    private static int unknownCount(int persons, double fraction) {
        if (fraction == 0.0) {
            return 0;
        }
        if (persons < 2) {
            throw new IllegalArgumentException("holding out unknown persons needs at least 2 persons, got " + persons);
        }
        long count = Math.round(fraction * persons);
        return (int) Math.max(1, Math.min(persons - 1, count));
    }

    /** Person label of every image, as given. */
    public List<String> personOfImage() {
        return personOfImage;
    }

    /** Indices of the enrolled images, ascending. */
    public int[] galleryImages() {
        return galleryImages.clone();
    }

    /** Indices of probe images of known (enrolled) persons, ascending. */
    public int[] knownProbeImages() {
        return knownProbeImages.clone();
    }

    /** Indices of probe images of unknown (never enrolled) persons, ascending. */
    public int[] unknownProbeImages() {
        return unknownProbeImages.clone();
    }

    /** Number of enrolled persons. */
    public int knownPersons() {
        return knownPersons;
    }

    /** Number of held-out persons. */
    public int unknownPersons() {
        return unknownPersons;
    }

    /**
     * Enrols the gallery images' embeddings under their person labels.
     *
     * @param embeddings one embedding per image, indexed like {@link #personOfImage()}
     * @throws IllegalArgumentException when the embedding count differs from the label count
     */
    public Gallery gallery(float[][] embeddings) {
        if (embeddings == null || embeddings.length != personOfImage.size()) {
            throw new IllegalArgumentException("expected " + personOfImage.size() + " embeddings (one per labelled image), got "
                    + (embeddings == null ? "null" : String.valueOf(embeddings.length)));
        }
        Gallery.Builder builder = Gallery.builder();
        for (int i : galleryImages) {
            builder.add(personOfImage.get(i), embeddings[i]);
        }
        return builder.build();
    }

    private static <T> void shuffle(List<T> values, Random random) {
        for (int i = values.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T tmp = values.get(i);
            values.set(i, values.get(j));
            values.set(j, tmp);
        }
    }

    private static int[] sorted(List<Integer> values) {
        int[] array = values.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(array);
        return array;
    }
}
