package io.facetrain.core.train;

import io.facetrain.core.data.FaceImageSet;

import java.util.Objects;
import java.util.Optional;

/**
 * The training images of a {@link TrainingRun}, as far as the run itself needs them: their numbers for
 * the records, and the images when they are held in this process (a distributed run keeps them on its
 * workers).
 *
 * @param images  number of training images
 * @param persons number of training persons
 * @param inProcess the images, or null when they are not in this process
 */
public record TrainingImages(int images, int persons, FaceImageSet inProcess) {

    public TrainingImages {
        if (images < 0 || persons < 0 || persons > images) {
            throw new IllegalArgumentException("need 0 <= persons <= images, got " + persons + " persons and "
                    + images + " images");
        }
    }

    /** Images held in this process. */
    public static TrainingImages of(FaceImageSet set) {
        Objects.requireNonNull(set, "set");
        return new TrainingImages(set.size(), set.distinctPersons(), set);
    }

    /** Images held elsewhere (e.g. on the workers of a distributed run). */
    public static TrainingImages elsewhere(int images, int persons) {
        return new TrainingImages(images, persons, null);
    }

    /** The images, when they are in this process. */
    public Optional<FaceImageSet> local() {
        return Optional.ofNullable(inProcess);
    }
}
