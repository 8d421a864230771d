package io.facetrain.spark.train;

import java.io.Serializable;
import java.util.Objects;

/**
 * One decoded, cropped and resized training image as executors cache it for a run: the 8-bit planes
 * {@link io.facetrain.core.preprocess.FaceCropper} makes, with the person and the image's identity.
 *
 * @param personId   the person
 * @param imageId    id of the original bytes
 * @param sourcePath path of the original file relative to the ingest input
 * @param pixels     the cached planes (not copied; do not modify)
 */
public record CachedFace(String personId, String imageId, String sourcePath, byte[] pixels) implements Serializable {
    public CachedFace {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(sourcePath, "sourcePath");
        Objects.requireNonNull(pixels, "pixels");
    }
}
