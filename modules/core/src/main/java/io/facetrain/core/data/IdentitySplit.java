package io.facetrain.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Splits images into training and validation by person, so that no validation person is ever trained on.
 * Persons with several images and persons with one image are shuffled (seeded) and split separately, so
 * both parts get their share of each; the validation share is rounded, and at least one person of each
 * kind goes to validation when there are two or more of that kind and the fraction is positive.
 *
 * @param train      indices of the training images, ascending
 * @param validation indices of the validation images, ascending
 */
public record IdentitySplit(int[] train, int[] validation) {

    /**
     * @param labels             person label of every image
     * @param validationFraction fraction of persons held out, in [0, 1)
     * @param seed               seed of the shuffle
     */
    public static IdentitySplit byPerson(int[] labels, double validationFraction, long seed) {
        if (!(validationFraction >= 0) || validationFraction >= 1) {
            throw new IllegalArgumentException("validation-fraction must be in [0, 1), got " + validationFraction);
        }
        int maxLabel = Arrays.stream(labels).max().orElse(-1);
        int[] count = new int[maxLabel + 1];
        for (int l : labels) {
            count[l]++;
        }
        List<Integer> multi = new ArrayList<>();
        List<Integer> single = new ArrayList<>();
        for (int p = 0; p <= maxLabel; p++) {
            if (count[p] >= 2) {
                multi.add(p);
            } else if (count[p] == 1) {
                single.add(p);
            }
        }
        Random random = new Random(seed);
        boolean[] held = new boolean[maxLabel + 1];
        hold(multi, validationFraction, random, held);
        hold(single, validationFraction, random, held);
        int[] train = new int[labels.length];
        int[] val = new int[labels.length];
        int t = 0;
        int v = 0;
        for (int i = 0; i < labels.length; i++) {
            if (held[labels[i]]) {
                val[v++] = i;
            } else {
                train[t++] = i;
            }
        }
        return new IdentitySplit(Arrays.copyOf(train, t), Arrays.copyOf(val, v));
    }

    private static void hold(List<Integer> persons, double fraction, Random random, boolean[] held) {
        java.util.Collections.shuffle(persons, random);
        int n = (int) Math.round(persons.size() * fraction);
        if (fraction > 0 && n == 0 && persons.size() >= 2) {
            n = 1;
        }
        for (int i = 0; i < n; i++) {
            held[persons.get(i)] = true;
        }
    }
}
