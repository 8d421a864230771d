package io.facetrain.core.mining;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Draws P×K batches: P persons with K images each (fewer when a person has fewer than K), plus optionally
 * some rows from persons with a single image, which can serve only as negatives. Persons are visited in a
 * seeded shuffled order, every person once before any person twice; each visit picks a fresh random
 * subset of the person's images. Rows of one person are adjacent in a batch.
 */
public final class PkBatchSampler {

    private final int personsPerBatch;
    private final int imagesPerPerson;
    private final int singleNegatives;
    private final int[][] imagesOfPerson;
    private final int[] eligible;
    private final int[] singles;
    private final Random random;
    private int[] order;
    private int cursor;

    /**
     * @param labels           person label of every image (any non-negative ints)
     * @param personsPerBatch  P, at least 2
     * @param imagesPerPerson  K, at least 2
     * @param singleNegatives  rows per batch from single-image persons (0 for none)
     * @param seed             seed of the person order and image choice
     * @throws IllegalArgumentException when fewer than two persons have two or more images
     */
    public PkBatchSampler(int[] labels, int personsPerBatch, int imagesPerPerson, int singleNegatives, long seed) {
        if (personsPerBatch < 2) {
            throw new IllegalArgumentException("persons-per-batch must be at least 2, got " + personsPerBatch);
        }
        if (imagesPerPerson < 2) {
            throw new IllegalArgumentException("images-per-person must be at least 2, got " + imagesPerPerson);
        }
        if (singleNegatives < 0) {
            throw new IllegalArgumentException("single-negatives must be >= 0, got " + singleNegatives);
        }
        int maxLabel = -1;
        for (int l : labels) {
            if (l < 0) {
                throw new IllegalArgumentException("labels must be non-negative, got " + l);
            }
            maxLabel = Math.max(maxLabel, l);
        }
        List<List<Integer>> byPerson = new ArrayList<>();
        for (int i = 0; i <= maxLabel; i++) {
            byPerson.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byPerson.get(labels[i]).add(i);
        }
        imagesOfPerson = new int[byPerson.size()][];
        List<Integer> multi = new ArrayList<>();
        List<Integer> single = new ArrayList<>();
        for (int p = 0; p < byPerson.size(); p++) {
            imagesOfPerson[p] = byPerson.get(p).stream().mapToInt(Integer::intValue).toArray();
            if (imagesOfPerson[p].length >= 2) {
                multi.add(p);
            } else if (imagesOfPerson[p].length == 1) {
                single.add(imagesOfPerson[p][0]);
            }
        }
        if (multi.size() < 2) {
            throw new IllegalArgumentException("P×K batches need at least 2 persons with 2 or more images; the "
                    + "training set has " + multi.size());
        }
        this.personsPerBatch = Math.min(personsPerBatch, multi.size());
        this.imagesPerPerson = imagesPerPerson;
        this.eligible = multi.stream().mapToInt(Integer::intValue).toArray();
        this.singles = single.stream().mapToInt(Integer::intValue).toArray();
        this.singleNegatives = Math.min(singleNegatives, singles.length);
        this.random = new Random(seed);
        this.order = eligible.clone();
        shuffle(order);
    }

    /** Persons with two or more images (the ones that can be anchors). */
    public int eligiblePersons() {
        return eligible.length;
    }

    /** P actually used (capped by the eligible persons). */
    public int personsPerBatch() {
        return personsPerBatch;
    }

    /** The largest batch this sampler produces. */
    public int maxBatchSize() {
        return personsPerBatch * imagesPerPerson + singleNegatives;
    }

    /** The image indices of the next batch. */
    public int[] next() {
        int[] batch = new int[maxBatchSize()];
        int size = 0;
        Set<Integer> chosen = new HashSet<>();
        while (chosen.size() < personsPerBatch) {
            if (cursor == order.length) {
                shuffle(order);
                cursor = 0;
            }
            int person = order[cursor++];
            if (!chosen.add(person)) {
                continue;
            }
            int[] images = imagesOfPerson[person].clone();
            int take = Math.min(imagesPerPerson, images.length);
            for (int i = 0; i < take; i++) {
                int j = i + random.nextInt(images.length - i);
                int t = images[i];
                images[i] = images[j];
                images[j] = t;
                batch[size++] = images[i];
            }
        }
        if (singleNegatives > 0) {
            int[] pool = singles.clone();
            for (int i = 0; i < singleNegatives; i++) {
                int j = i + random.nextInt(pool.length - i);
                int t = pool[i];
                pool[i] = pool[j];
                pool[j] = t;
                batch[size++] = pool[i];
            }
        }
        return Arrays.copyOf(batch, size);
    }

    private void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
