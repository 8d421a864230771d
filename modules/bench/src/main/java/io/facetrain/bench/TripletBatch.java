package io.facetrain.bench;

import java.io.Serializable;
import java.util.Objects;

/**
 * One [anchors; positives; negatives] minibatch to build on an executor: its triplets as image indices of the
 * shipped training images, and the seed of its augmentation.
 *
 * @param anchors          anchor image of every triplet
 * @param positives        positive image of every triplet
 * @param negatives        negative image of every triplet
 * @param augmentationSeed seed of the crop jitter, flips and colour changes of its images
 */
record TripletBatch(int[] anchors, int[] positives, int[] negatives, long augmentationSeed) implements Serializable {

    TripletBatch {
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(positives, "positives");
        Objects.requireNonNull(negatives, "negatives");
        if (anchors.length == 0 || anchors.length != positives.length || anchors.length != negatives.length) {
            throw new IllegalArgumentException("a triplet batch needs as many anchors, positives and negatives (> 0), got "
                    + anchors.length + ", " + positives.length + ", " + negatives.length);
        }
    }

    int triplets() {
        return anchors.length;
    }
}
