package io.facetrain.spark.train;

import io.facetrain.core.data.IdentitySplit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Training and validation persons of a dataset, split exactly as a single-process run splits the same data
 * ({@link IdentitySplit#byPerson} over the labels {@link io.facetrain.core.data.FaceImageSetLoader} would
 * give, with the same fraction and seed): the same persons are held out whichever trainer runs.
 */
public final class DatasetSplit {

    private final List<PersonImages> training;
    private final Set<String> validation;
    private final int trainingImages;
    private final int validationImages;

    private DatasetSplit(List<PersonImages> training, Set<String> validation, int trainingImages,
                         int validationImages) {
        this.training = Collections.unmodifiableList(training);
        this.validation = Collections.unmodifiableSet(validation);
        this.trainingImages = trainingImages;
        this.validationImages = validationImages;
    }

    /**
     * @param fraction fraction of persons held out, as {@code train.validation.fraction}
     * @param seed     the run's seed
     */
    public static DatasetSplit of(ShardIndex index, double fraction, long seed) {
        List<ShardIndex.Entry> entries = index.entries();
        Map<String, Integer> labelOf = new LinkedHashMap<>();
        int[] labels = new int[entries.size()];
        for (int i = 0; i < labels.length; i++) {
            // Entries are sorted by person, so first appearance numbers persons in sorted order, as the loader does.
            labels[i] = labelOf.computeIfAbsent(entries.get(i).personId(), p -> labelOf.size());
        }
        IdentitySplit split = IdentitySplit.byPerson(labels, fraction, seed);
        Map<String, Integer> trainingCounts = new LinkedHashMap<>();
        for (int i : split.train()) {
            trainingCounts.merge(entries.get(i).personId(), 1, Integer::sum);
        }
        List<PersonImages> training = new ArrayList<>(trainingCounts.size());
        trainingCounts.forEach((person, images) -> training.add(new PersonImages(person, images)));
        Set<String> validation = new TreeSet<>();
        for (int i : split.validation()) {
            validation.add(entries.get(i).personId());
        }
        return new DatasetSplit(training, validation, split.train().length, split.validation().length);
    }

    /** Training persons with their image counts, in person-id order. */
    public List<PersonImages> training() {
        return training;
    }

    /** Validation persons, never trained on. */
    public Set<String> validation() {
        return validation;
    }

    public int trainingImages() {
        return trainingImages;
    }

    public int validationImages() {
        return validationImages;
    }
}
