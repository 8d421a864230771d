package io.facetrain.core.baseline;

import io.facetrain.core.eval.PairSampler;

import java.util.ArrayList;
import java.util.List;

/**
 * Same-person and different-person pairs of a dataset where every person has the same number of images
 * (as generated datasets do), addressed by (person, image): {@link PairSampler}'s draw over the labels
 * {@code image index / imagesPerPerson}. Seeded: the same arguments give the same pairs.
 */
public final class VerificationPairs {

    private VerificationPairs() {
    }

    /**
     * @param persons         number of persons (at least 2)
     * @param imagesPerPerson images of each person (at least 2)
     * @param same            same-person pairs wanted
     * @param different       different-person pairs wanted
     * @param seed            seed of the draw
     * @return the same-person pairs followed by the different-person pairs, no pair twice
     * @throws IllegalArgumentException when the dataset is too small or more pairs are asked for than exist
     */
    public static List<ImagePair> sample(int persons, int imagesPerPerson, int same, int different, long seed) {
        if (persons < 2 || imagesPerPerson < 2) {
            throw new IllegalArgumentException("pairs need at least 2 persons with 2 images each, got " + persons
                    + " persons with " + imagesPerPerson + " images");
        }
        int[] labels = new int[Math.multiplyExact(persons, imagesPerPerson)];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / imagesPerPerson;
        }
        List<ImagePair> pairs = new ArrayList<>(same + different);
        for (io.facetrain.core.eval.ImagePair p : new PairSampler(seed).sample(labels, same, different)) {
            pairs.add(new ImagePair(p.first() / imagesPerPerson, p.first() % imagesPerPerson,
                    p.second() / imagesPerPerson, p.second() % imagesPerPerson));
        }
        return pairs;
    }
}
