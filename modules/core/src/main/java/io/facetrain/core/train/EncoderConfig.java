package io.facetrain.core.train;

import io.facetrain.core.nn.Architecture;
import io.facetrain.core.nn.EncoderSpec;
import io.facetrain.core.nn.InputShape;

/**
 * Which encoder to train ({@code facetrain.train.encoder}): architecture, embedding size, width, depth and
 * L2 regularisation. The input shape comes from the preprocessing and the seed from the run.
 *
 * @param architecture   compact, plain or resnet (images)
 * @param embeddingDim   length of the L2-normalised embedding
 * @param width          channels of the first stage (later stages double it)
 * @param blocksPerStage residual blocks per stage (resnet)
 * @param l2             L2 regularisation of convolution and dense weights
 * @param batchNorm      batch normalisation after convolutions (see {@link EncoderSpec#batchNorm()})
 */
public record EncoderConfig(Architecture architecture, int embeddingDim, int width, int blocksPerStage, double l2,
                            boolean batchNorm) {

    public EncoderConfig {
        if (architecture == null) {
            throw new IllegalArgumentException("train.encoder.architecture is required");
        }
        if (architecture.inputKind() != InputShape.Kind.IMAGE) {
            throw new IllegalArgumentException("train.encoder.architecture must be an image architecture (compact, "
                    + "plain, resnet) for face training, got " + architecture.configName());
        }
        // The remaining ranges are checked by EncoderSpec; check them here too so errors name the key.
        if (embeddingDim < 2 || embeddingDim > 4096) {
            throw new IllegalArgumentException("train.encoder.embedding-dim must be in [2, 4096], got " + embeddingDim);
        }
        if (width < 1 || width > 1024) {
            throw new IllegalArgumentException("train.encoder.width must be in [1, 1024], got " + width);
        }
        if (blocksPerStage < 1 || blocksPerStage > 8) {
            throw new IllegalArgumentException("train.encoder.blocks-per-stage must be in [1, 8], got " + blocksPerStage);
        }
        if (!(l2 >= 0) || l2 > 1) {
            throw new IllegalArgumentException("train.encoder.l2 must be in [0, 1], got " + l2);
        }
    }

    static EncoderConfig read(SectionReader s) {
        return new EncoderConfig(Architecture.fromConfigName(s.getString("architecture")), s.getInt("embedding-dim"),
                s.getInt("width"), s.getInt("blocks-per-stage"), s.getDouble("l2"), s.getBoolean("batch-norm"));
    }

    /** The spec of this encoder for inputs of {@code shape}, initialised with {@code seed}. */
    public EncoderSpec spec(InputShape shape, long seed) {
        return EncoderSpec.builder().architecture(architecture).inputShape(shape).embeddingDim(embeddingDim)
                .width(width).blocksPerStage(blocksPerStage).l2(l2).batchNorm(batchNorm).seed(seed).build();
    }
}
