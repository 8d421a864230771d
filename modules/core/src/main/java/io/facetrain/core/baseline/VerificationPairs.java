package io.facetrain.core.baseline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws distinct same-person and different-person pairs from a dataset where every person has the same
 * number of images (as generated datasets do). Seeded: the same arguments give the same pairs.
 */
public final class VerificationPairs {

    private VerificationPairs() {
    }

    /**
     * @param persons         number of persons (at least 2)
     * @param imagesPerPerson images of each person (at least 2)
     * @param same            same-person pairs wanted, at most half of all that exist
     * @param different       different-person pairs wanted, at most half of all that exist
     * @param seed            seed of the draw
     * @return the same-person pairs followed by the different-person pairs
     */
    public static List<ImagePair> sample(int persons, int imagesPerPerson, int same, int different, long seed) {
        if (persons < 2 || imagesPerPerson < 2) {
            throw new IllegalArgumentException("pairs need at least 2 persons with 2 images each, got " + persons
                    + " persons with " + imagesPerPerson + " images");
        }
        // Keeping to half of the possible pairs bounds the rejection sampling below to ~2 draws per pair.
        long possibleSame = (long) persons * imagesPerPerson * (imagesPerPerson - 1) / 2;
        long possibleDifferent = (long) persons * (persons - 1) / 2 * imagesPerPerson * imagesPerPerson;
        requireCount("same-person", same, possibleSame);
        requireCount("different-person", different, possibleDifferent);
        SplittableRandom random = new SplittableRandom(seed);
        Set<ImagePair> pairs = new HashSet<>();
        List<ImagePair> ordered = new ArrayList<>(same + different);
        while (ordered.size() < same) {
            int person = random.nextInt(persons);
            int a = random.nextInt(imagesPerPerson);
            int b = random.nextInt(imagesPerPerson);
            if (a != b) {
                addNew(pairs, ordered, new ImagePair(person, Math.min(a, b), person, Math.max(a, b)));
            }
        }
        while (ordered.size() < same + different) {
            int p = random.nextInt(persons);
            int q = random.nextInt(persons);
            if (p != q) {
                int a = random.nextInt(imagesPerPerson);
                int b = random.nextInt(imagesPerPerson);
                addNew(pairs, ordered, p < q ? new ImagePair(p, a, q, b) : new ImagePair(q, b, p, a));
            }
        }
        return ordered;
    }

    private static void addNew(Set<ImagePair> seen, List<ImagePair> ordered, ImagePair pair) {
        if (seen.add(pair)) {
            ordered.add(pair);
        }
    }

    private static void requireCount(String kind, int wanted, long possible) {
        if (wanted < 1 || wanted > possible / 2) {
            throw new IllegalArgumentException("cannot draw " + wanted + " distinct " + kind + " pairs: between 1 and "
                    + possible / 2 + " (half of the " + possible + " that exist) are possible");
        }
    }
}
