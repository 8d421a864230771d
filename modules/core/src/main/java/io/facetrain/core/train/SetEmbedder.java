package io.facetrain.core.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.preprocess.InputWriter;

/**
 * Embeds a cached image set at evaluation time (central crop, no augmentation), in batches, optionally
 * averaging each image's embedding with its mirror image's (test-time flip augmentation; the mean is
 * re-normalised to unit length). Also gives the raw-pixel vectors the pixel baseline compares.
 */
public final class SetEmbedder {

    /** Images per inference batch. */
    public static final int BATCH = 64;

    private SetEmbedder() {
    }

    /** One unit-length embedding per image, in set order. */
    public static float[][] embed(Encoder encoder, FaceImageSet set, boolean flipAverage) {
        InputWriter writer = new InputWriter(set.config());
        int per = writer.valuesPerImage();
        if (per != encoder.spec().inputShape().elementsPerExample()) {
            throw new IllegalArgumentException("images are preprocessed to " + per + " values but the encoder takes "
                    + encoder.spec().inputShape());
        }
        int dim = encoder.spec().embeddingDim();
        float[][] out = new float[set.size()][];
        for (int start = 0; start < set.size(); start += BATCH) {
            int n = Math.min(BATCH, set.size() - start);
            float[] plain = new float[n * per];
            for (int i = 0; i < n; i++) {
                writer.writeEvaluation(set.pixels(start + i), false, plain, i * per);
            }
            float[] e = encoder.embed(plain, n);
            float[] mirrored = null;
            if (flipAverage) {
                float[] flipped = new float[n * per];
                for (int i = 0; i < n; i++) {
                    writer.writeEvaluation(set.pixels(start + i), true, flipped, i * per);
                }
                mirrored = encoder.embed(flipped, n);
            }
            for (int i = 0; i < n; i++) {
                float[] row = new float[dim];
                double norm = 0;
                for (int k = 0; k < dim; k++) {
                    row[k] = mirrored == null ? e[i * dim + k] : e[i * dim + k] + mirrored[i * dim + k];
                    norm += (double) row[k] * row[k];
                }
                if (mirrored != null && norm > 0) {
                    float scale = (float) (1.0 / Math.sqrt(norm));
                    for (int k = 0; k < dim; k++) {
                        row[k] *= scale;
                    }
                }
                out[start + i] = row;
            }
        }
        return out;
    }

    /**
     * The raw-pixel baseline's vectors: each image's normalised evaluation input (with per-image
     * normalisation, squared L2 between two of them is 2n(1 − pixel correlation)).
     */
    public static float[][] rawPixels(FaceImageSet set) {
        InputWriter writer = new InputWriter(set.config());
        float[][] out = new float[set.size()][];
        for (int i = 0; i < set.size(); i++) {
            out[i] = new float[writer.valuesPerImage()];
            writer.writeEvaluation(set.pixels(i), false, out[i], 0);
        }
        return out;
    }
}
