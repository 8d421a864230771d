package io.facetrain.core.train;

import io.facetrain.core.mining.MiningStats;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Objects;

/**
 * The gradient of one minibatch, computed on the parameters the {@link UpdateStep} was last asked to
 * provide, and what it was computed from.
 *
 * <p>{@link #gradient()} is the flat float32 vector ([1, parameterCount], the layout of
 * {@link io.facetrain.core.nn.ParameterLayout}) of dJ/dθ with J the <b>mean</b> triplet loss over the
 * minibatch's {@link #tripletCount()} triplets, plus the L2 term λθ of regularised weights. Segments that
 * hold batch-norm running statistics carry DL4J's running-average update instead (see ParameterLayout).
 * The array belongs to the trainer and is overwritten by the next step: copy it to keep it.
 *
 * @param iteration    global step number, from 0 (the optimiser's iteration count)
 * @param epoch        round number, from 0 (the optimiser's epoch count)
 * @param gradient     flat gradient, read-only
 * @param tripletCount triplets the loss averaged over (the weight of this gradient when combining workers)
 * @param activeCount  triplets with a positive loss
 * @param meanLoss     mean triplet loss over the minibatch (without the L2 term)
 * @param imageCount   images embedded for this step (rows of the minibatch)
 * @param mining       statistics of the triplets mined for this step (EMPTY when they were mined ahead)
 */
public record StepGradient(long iteration, int epoch, INDArray gradient, int tripletCount, int activeCount,
                           double meanLoss, int imageCount, MiningStats mining) {

    public StepGradient {
        Objects.requireNonNull(gradient, "gradient");
        Objects.requireNonNull(mining, "mining");
        if (iteration < 0 || epoch < 0) {
            throw new IllegalArgumentException("iteration and epoch must be >= 0, got " + iteration + ", " + epoch);
        }
    }
}
