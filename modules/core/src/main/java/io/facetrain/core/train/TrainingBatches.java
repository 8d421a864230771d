package io.facetrain.core.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.loss.Triplets;
import io.facetrain.core.mining.PkBatchSampler;
import io.facetrain.core.preprocess.InputWriter;

import java.util.Objects;
import java.util.Random;

/**
 * Turns training images into minibatches: P×K batches for online mining, or [anchors; positives;
 * negatives] batches of triplets mined ahead. Every image goes through the training augmentation, drawn
 * from one seeded random stream.
 */
public final class TrainingBatches {

    private final FaceImageSet images;
    private final InputWriter writer;
    private final PkBatchSampler sampler;
    private final Random augmentation;

    /**
     * @param sampler the P×K sampler over {@code images} (its labels are the image set's)
     * @param seed    seed of the augmentation stream
     */
    public TrainingBatches(FaceImageSet images, PkBatchSampler sampler, long seed) {
        this.images = Objects.requireNonNull(images, "images");
        this.writer = new InputWriter(images.config());
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.augmentation = new Random(seed);
    }

    /** The next P×K batch; its triplets will be mined from its own embeddings. */
    public Minibatch nextOnline() {
        int[] rows = sampler.next();
        return Minibatch.forOnlineMining(inputs(rows), labelsOf(rows));
    }

    /**
     * A batch of triplets given by image index, laid out as [anchors; positives; negatives].
     *
     * @param anchors   image indices of the anchors
     * @param positives image indices of the positives
     * @param negatives image indices of the negatives
     */
    public Minibatch stacked(int[] anchors, int[] positives, int[] negatives) {
        int n = anchors.length;
        int[] rows = new int[3 * n];
        System.arraycopy(anchors, 0, rows, 0, n);
        System.arraycopy(positives, 0, rows, n, n);
        System.arraycopy(negatives, 0, rows, 2 * n, n);
        return Minibatch.withTriplets(inputs(rows), labelsOf(rows), Triplets.stacked(n));
    }

    private float[] inputs(int[] rows) {
        int per = writer.valuesPerImage();
        float[] values = new float[rows.length * per];
        for (int i = 0; i < rows.length; i++) {
            writer.writeTraining(images.pixels(rows[i]), augmentation, values, i * per);
        }
        return values;
    }

    private int[] labelsOf(int[] rows) {
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = images.label(rows[i]);
        }
        return labels;
    }
}
