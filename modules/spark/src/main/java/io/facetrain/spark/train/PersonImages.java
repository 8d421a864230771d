package io.facetrain.spark.train;

import java.io.Serializable;
import java.util.Objects;

/**
 * A person and how many images of them a dataset holds.
 *
 * @param personId the person
 * @param images   their images, at least 1
 */
public record PersonImages(String personId, int images) implements Serializable {
    public PersonImages {
        Objects.requireNonNull(personId, "personId");
        if (images < 1) {
            throw new IllegalArgumentException("person " + personId + " needs at least one image, got " + images);
        }
    }
}
