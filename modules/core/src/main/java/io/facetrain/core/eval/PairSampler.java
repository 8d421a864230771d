package io.facetrain.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Samples verification pairs from per-image person labels, e.g. over held-out identities: same-person
 * pairs uniformly among all pairs of two different images of one person, different-person pairs uniformly
 * among all pairs of images of two persons. No self-pairs, no pair twice. Each call starts from the
 * seed, so the same labels and counts always give the same pairs.
 *
 * <p>The result lists the same-person pairs first, then the different-person pairs, each in sampling order;
 * {@link StratifiedFolds} assigns folds from there.
 */
public final class PairSampler {

    /** Above this acceptance rate rejection sampling is used; below it all candidates are enumerated. */
    private static final double ENUMERATE_FRACTION = 0.5;

    private final long seed;

    public PairSampler(long seed) {
        this.seed = seed;
    }

    /**
     * @param personOfImage person label of every image (index = image index)
     * @see #sample(List, int, int)
     */
    public List<ImagePair> sample(int[] personOfImage, int sameCount, int differentCount) {
        if (personOfImage == null) {
            throw new IllegalArgumentException("person labels must not be null");
        }
        List<Integer> labels = new ArrayList<>(personOfImage.length);
        for (int label : personOfImage) {
            labels.add(label);
        }
        return sample(labels, sameCount, differentCount);
    }

    /**
     * @param personOfImage  person label of every image (index = image index); any type with equals/hashCode
     * @param sameCount      number of same-person pairs wanted
     * @param differentCount number of different-person pairs wanted
     * @return {@code sameCount} same-person pairs followed by {@code differentCount} different-person pairs
     * @throws IllegalArgumentException when a label is null, a count is negative, or more pairs of a kind are
     *                                  asked for than exist
     */
    public List<ImagePair> sample(List<?> personOfImage, int sameCount, int differentCount) {
        if (personOfImage == null) {
            throw new IllegalArgumentException("person labels must not be null");
        }
        if (sameCount < 0 || differentCount < 0) {
            throw new IllegalArgumentException("pair counts must be >= 0, got same=" + sameCount
                    + ", different=" + differentCount);
        }
        Persons persons = Persons.of(personOfImage);
        long sameTotal = persons.samePairTotal();
        long differentTotal = persons.differentPairTotal();
        if (sameCount > sameTotal) {
            throw new IllegalArgumentException("asked for " + sameCount + " same-person pairs but the "
                    + persons.personsWithPairs() + " persons with at least 2 images only give " + sameTotal);
        }
        if (differentCount > differentTotal) {
            throw new IllegalArgumentException("asked for " + differentCount + " different-person pairs but "
                    + persons.count() + " persons with " + personOfImage.size() + " images only give " + differentTotal);
        }
        Random random = new Random(seed);
        List<ImagePair> pairs = new ArrayList<>(sameCount + differentCount);
        pairs.addAll(sameCount >= ENUMERATE_FRACTION * sameTotal
                ? pickFrom(persons.allSamePairs(), sameCount, random)
                : rejectionSample(persons, sameCount, true, random));
        pairs.addAll(differentCount >= ENUMERATE_FRACTION * differentTotal
                ? pickFrom(persons.allDifferentPairs(), differentCount, random)
                : rejectionSample(persons, differentCount, false, random));
        return pairs;
    }

    private static List<ImagePair> pickFrom(List<ImagePair> all, int count, Random random) {
        List<ImagePair> pool = new ArrayList<>(all);
        // Partial Fisher–Yates: the first `count` slots end up a uniform sample without repetition.
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(pool.size() - i);
            ImagePair tmp = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, tmp);
        }
        return new ArrayList<>(pool.subList(0, count));
    }

    private static List<ImagePair> rejectionSample(Persons persons, int count, boolean same, Random random) {
        Set<ImagePair> seen = new HashSet<>();
        List<ImagePair> pairs = new ArrayList<>(count);
        // At most half of all candidates are wanted, so each draw is new with probability >= 1/2;
        // the bound is never reached in practice but keeps the loop finite.
        long maxDraws = 64L * count + 1024L;
        for (long draw = 0; pairs.size() < count; draw++) {
            if (draw >= maxDraws) {
                throw new IllegalStateException("pair sampling did not converge after " + maxDraws + " draws");
            }
            ImagePair pair = same ? persons.randomSamePair(random) : persons.randomDifferentPair(random);
            if (seen.add(pair)) {
                pairs.add(pair);
            }
        }
        return pairs;
    }

    /** Images grouped by person: person p owns {@code order[start[p] .. start[p] + size[p])}. */
    private static final class Persons {
        private final int[] order;
        private final int[] start;
        private final int[] size;
        /** Cumulative C(size, 2): weights for drawing the person of a same-person pair. */
        private final long[] cumulativeSame;
        /** Cumulative size·(n − size): weights for drawing the first image's person of a different pair. */
        private final long[] cumulativeDifferent;

        private Persons(int[] order, int[] start, int[] size) {
            this.order = order;
            this.start = start;
            this.size = size;
            long n = order.length;
            cumulativeSame = new long[size.length];
            cumulativeDifferent = new long[size.length];
            long same = 0;
            long different = 0;
            for (int p = 0; p < size.length; p++) {
                same += (long) size[p] * (size[p] - 1) / 2;
                different += size[p] * (n - size[p]);
                cumulativeSame[p] = same;
                cumulativeDifferent[p] = different;
            }
        }

        static Persons of(List<?> personOfImage) {
            Map<Object, Integer> idOf = new HashMap<>();
            int[] personIdOfImage = new int[personOfImage.size()];
            for (int i = 0; i < personIdOfImage.length; i++) {
                Object label = personOfImage.get(i);
                if (label == null) {
                    throw new IllegalArgumentException("person label of image " + i + " is null");
                }
                personIdOfImage[i] = idOf.computeIfAbsent(label, k -> idOf.size());
            }
            int persons = idOf.size();
            int[] size = new int[persons];
            for (int id : personIdOfImage) {
                size[id]++;
            }
            int[] start = new int[persons];
            for (int p = 1; p < persons; p++) {
                start[p] = start[p - 1] + size[p - 1];
            }
            int[] fill = Arrays.copyOf(start, persons);
            int[] order = new int[personIdOfImage.length];
            for (int i = 0; i < personIdOfImage.length; i++) {
                order[fill[personIdOfImage[i]]++] = i;
            }
            return new Persons(order, start, size);
        }

        int count() {
            return size.length;
        }

        int personsWithPairs() {
            int count = 0;
            for (int s : size) {
                if (s >= 2) {
                    count++;
                }
            }
            return count;
        }

        long samePairTotal() {
            return size.length == 0 ? 0 : cumulativeSame[size.length - 1];
        }

        long differentPairTotal() {
            // Every unordered different pair is counted once from each side.
            return size.length == 0 ? 0 : cumulativeDifferent[size.length - 1] / 2;
        }

        List<ImagePair> allSamePairs() {
            List<ImagePair> all = new ArrayList<>();
            for (int p = 0; p < size.length; p++) {
                for (int a = 0; a < size[p]; a++) {
                    for (int b = a + 1; b < size[p]; b++) {
                        all.add(pair(order[start[p] + a], order[start[p] + b], true));
                    }
                }
            }
            return all;
        }

        List<ImagePair> allDifferentPairs() {
            List<ImagePair> all = new ArrayList<>();
            for (int p = 0; p < size.length; p++) {
                for (int a = start[p]; a < start[p] + size[p]; a++) {
                    for (int b = start[p] + size[p]; b < order.length; b++) {
                        all.add(pair(order[a], order[b], false));
                    }
                }
            }
            return all;
        }

        ImagePair randomSamePair(Random random) {
            int p = pick(cumulativeSame, random);
            int a = random.nextInt(size[p]);
            int b = random.nextInt(size[p] - 1);
            if (b >= a) {
                b++;
            }
            return pair(order[start[p] + a], order[start[p] + b], true);
        }

        ImagePair randomDifferentPair(Random random) {
            // First image with probability ∝ (n − size of its person), partner uniform among the other
            // persons' images: every unordered different pair then has the same probability.
            int p = pick(cumulativeDifferent, random);
            int first = order[start[p] + random.nextInt(size[p])];
            int r = random.nextInt(order.length - size[p]);
            int second = order[r < start[p] ? r : r + size[p]];
            return pair(first, second, false);
        }

        private static int pick(long[] cumulative, Random random) {
            long r = random.nextLong(cumulative[cumulative.length - 1]);
            // First person whose cumulative weight exceeds r.
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > r) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        private static ImagePair pair(int x, int y, boolean same) {
            return new ImagePair(Math.min(x, y), Math.max(x, y), same);
        }
    }
}
