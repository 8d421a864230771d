package io.facetrain.spark.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Which worker trains on which person: every image of a person goes to one worker, so that each worker
 * mines triplets among its own identities. Workers get about the same number of images (largest persons
 * first, each to the worker with the fewest images so far); ties between persons of equal size are broken
 * by a seeded shuffle, so the assignment depends only on the persons and the seed. Immutable.
 */
public final class PersonAssignment implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int workers;
    private final Map<String, Integer> workerOf;
    private final int[] images;
    private final int[] persons;
    private final int[] anchorPersons;

    private PersonAssignment(int workers, Map<String, Integer> workerOf, int[] images, int[] persons,
                             int[] anchorPersons) {
        this.workers = workers;
        this.workerOf = workerOf;
        this.images = images;
        this.persons = persons;
        this.anchorPersons = anchorPersons;
    }

    /**
     * @param training the training persons
     * @param workers  number of workers, at least 1
     * @param seed     seed of the tie-breaking shuffle
     * @throws IllegalArgumentException when there are more workers than persons, or a worker would get fewer
     *                                  than two persons with two or more images (it could not form a triplet)
     */
    public static PersonAssignment balance(List<PersonImages> training, int workers, long seed) {
        if (workers < 1) {
            throw new IllegalArgumentException(WorkerCount.KEY + " must be at least 1, got " + workers);
        }
        if (workers > training.size()) {
            throw new IllegalArgumentException(WorkerCount.KEY + "=" + workers + " is more than the " + training.size()
                    + " training persons; every worker needs persons of its own");
        }
        List<PersonImages> order = new ArrayList<>(training);
        // Start from the persons in id order, so that the caller's order does not matter.
        order.sort(Comparator.comparing(PersonImages::personId));
        Collections.shuffle(order, new Random(seed));
        order.sort(Comparator.comparingInt(PersonImages::images).reversed());
        int[] images = new int[workers];
        int[] persons = new int[workers];
        int[] anchorPersons = new int[workers];
        PriorityQueue<Integer> lightest = new PriorityQueue<>(Comparator.<Integer>comparingInt(w -> images[w])
                .thenComparingInt(w -> persons[w]).thenComparingInt(w -> w));
        for (int w = 0; w < workers; w++) {
            lightest.add(w);
        }
        Map<String, Integer> workerOf = new HashMap<>();
        for (PersonImages p : order) {
            int w = lightest.poll();
            workerOf.put(p.personId(), w);
            images[w] += p.images();
            persons[w]++;
            if (p.images() >= 2) {
                anchorPersons[w]++;
            }
            lightest.add(w);
        }
        for (int w = 0; w < workers; w++) {
            if (anchorPersons[w] < 2) {
                throw new IllegalArgumentException(WorkerCount.KEY + "=" + workers + " is too many for this dataset: "
                        + "worker " + w + " would get " + anchorPersons[w] + " persons with two or more images and needs "
                        + "at least 2 to form triplets; use fewer workers or more data");
            }
        }
        return new PersonAssignment(workers, Map.copyOf(workerOf), images, persons, anchorPersons);
    }

    public int workers() {
        return workers;
    }

    /** The worker of a training person, or -1 for anyone else. */
    public int workerOf(String personId) {
        Integer w = workerOf.get(personId);
        return w == null ? -1 : w;
    }

    /** Images assigned to worker {@code w}. */
    public int images(int w) {
        return images[w];
    }

    /** Persons assigned to worker {@code w}. */
    public int persons(int w) {
        return persons[w];
    }

    /** Persons with two or more images (possible anchors) assigned to worker {@code w}. */
    public int anchorPersons(int w) {
        return anchorPersons[w];
    }

    /** All assigned images. */
    public int totalImages() {
        int n = 0;
        for (int i : images) {
            n += i;
        }
        return n;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            parts.add("worker " + w + ": " + persons[w] + " persons, " + images[w] + " images");
        }
        return String.join("; ", parts);
    }
}
