package io.facetrain.core.train;

import io.facetrain.core.loss.TripletLoss;
import io.facetrain.core.loss.TripletLossResult;
import io.facetrain.core.loss.Triplets;
import io.facetrain.core.mining.MinedTriplets;
import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.mining.PairwiseDistances;
import io.facetrain.core.mining.TripletMiner;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.ParameterSegment;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Computes the flat gradient and loss statistics of one minibatch on the encoder's current parameters,
 * without changing them: the first half of a training step (the second half is the {@link UpdateStep}).
 *
 * <p>The minibatch is embedded once (training mode, so batch norm uses batch statistics); its triplets are
 * either given or mined from those embeddings; the triplet loss ({@link TripletLoss}: mean over triplets)
 * supplies dJ/dEmbeddings, which DL4J back-propagates inside its workspaces. Then regularisation that DL4J
 * applies before the optimiser (L2) is added, and the gradient is checked: a NaN or infinite value stops
 * training with a {@link TrainingDivergedException} before any update.
 */
public final class TripletGradientComputer implements AutoCloseable {

    private final Encoder encoder;
    private final TripletLoss loss;
    private final TripletMiner miner;
    private final INDArray gradient;
    private final List<Regularized> regularized = new ArrayList<>();
    private StepTimings lastTimings = StepTimings.ZERO;

    /**
     * @param miner the miner for minibatches without fixed triplets; may be null if every batch has them
     */
    public TripletGradientComputer(Encoder encoder, TripletLoss loss, TripletMiner miner) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.miner = miner;
        this.gradient = Nd4j.zeros(encoder.spec().dataType(), 1, encoder.parameterCount());
        INDArray params = encoder.parameters();
        for (ParameterSegment s : encoder.parameterLayout().segments()) {
            if (s.regularization().isEmpty()) {
                continue;
            }
            regularized.add(new Regularized(
                    params.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(s.offset(), s.end())),
                    gradient.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(s.offset(), s.end())),
                    s.regularization()));
        }
    }

    /**
     * @param batch          the minibatch
     * @param iteration      global step number (from 0)
     * @param epoch          round number (from 0)
     * @param miningRandom   randomness for miners that sample
     * @return the gradient (valid until the next call) and the step's statistics
     * @throws TrainingDivergedException when the loss or the gradient is not finite
     */
    public StepGradient compute(Minibatch batch, long iteration, int epoch, Random miningRandom) {
        if (batch.triplets().isEmpty() && miner == null) {
            throw new IllegalArgumentException("minibatch has no triplets and no miner is configured");
        }
        long[] shape = encoder.spec().inputShape().batchShape(batch.rows());
        if ((long) batch.rows() * encoder.spec().inputShape().elementsPerExample() != batch.inputs().length) {
            throw new IllegalArgumentException("minibatch has " + batch.inputs().length + " values, expected "
                    + batch.rows() + " × " + encoder.spec().inputShape());
        }
        Outcome outcome;
        long start = System.nanoTime();
        long[] marks = new long[2];
        try (INDArray input = Nd4j.create(batch.inputs(), shape, 'c')) {
            outcome = encoder.graph().backpropOutputLoss(input, (out, rows, dim, grad) -> {
                marks[0] = System.nanoTime();
                checkFinite(out, iteration, epoch);
                Triplets triplets;
                MiningStats stats;
                if (batch.triplets().isPresent()) {
                    triplets = batch.triplets().get();
                    stats = MiningStats.EMPTY;
                } else {
                    MinedTriplets mined = miner.mine(PairwiseDistances.of(out, rows, dim), batch.labels(), miningRandom);
                    triplets = mined.triplets();
                    stats = mined.stats();
                }
                Outcome o = new Outcome(loss.compute(out, rows, dim, triplets, grad), stats);
                marks[1] = System.nanoTime();
                return o;
            });
        }
        gradient.assign(encoder.graph().getFlattenedGradients().reshape(gradient.shape()));
        long end = System.nanoTime();
        lastTimings = new StepTimings(0, marks[0] - start, marks[1] - marks[0], end - marks[1], 0);
        for (Regularized r : regularized) {
            for (Regularization reg : r.regularization) {
                reg.apply(r.params, r.gradient, Double.NaN, Math.toIntExact(iteration), epoch);
            }
        }
        TripletLossResult result = outcome.loss;
        if (!Double.isFinite(result.meanLoss())) {
            throw new TrainingDivergedException(String.format("training diverged at step %d (round %d): the triplet "
                    + "loss is %s; no update was applied", iteration, epoch + 1, result.meanLoss()));
        }
        checkGradient(iteration, epoch, result);
        return new StepGradient(iteration, epoch, gradient, result.tripletCount(), result.activeCount(),
                result.meanLoss(), batch.rows(), outcome.mining);
    }

    private static void checkFinite(double[] embeddings, long iteration, int epoch) {
        for (double v : embeddings) {
            if (!Double.isFinite(v)) {
                throw new TrainingDivergedException(String.format("training diverged at step %d (round %d): the "
                        + "encoder produced a non-finite embedding value (%s); no update was applied",
                        iteration, epoch + 1, v));
            }
        }
    }

    private void checkGradient(long iteration, int epoch, TripletLossResult result) {
        double sum = gradient.sumNumber().doubleValue();
        if (Double.isFinite(sum)) {
            return;
        }
        long nan = 0;
        long inf = 0;
        float[] values = gradient.castTo(DataType.FLOAT).toFloatVector();
        int firstBad = -1;
        for (int i = 0; i < values.length; i++) {
            if (Float.isNaN(values[i])) {
                nan++;
            } else if (Float.isInfinite(values[i])) {
                inf++;
            }
            if (firstBad < 0 && !Float.isFinite(values[i])) {
                firstBad = i;
            }
        }
        String where = "";
        for (ParameterSegment s : encoder.parameterLayout().segments()) {
            if (firstBad >= s.offset() && firstBad < s.end()) {
                where = " (first in parameter " + s.key() + ")";
            }
        }
        throw new TrainingDivergedException(String.format("training diverged at step %d (round %d): the gradient has "
                + "%d NaN and %d infinite values%s at loss %.6g; no update was applied. Try a lower "
                + "train.optimizer.learning-rate", iteration, epoch + 1, nan, inf, where, result.meanLoss()));
    }

    /** Forward, mining+loss and backward time of the last {@link #compute} call. */
    public StepTimings lastTimings() {
        return lastTimings;
    }

    @Override
    public void close() {
        gradient.close();
    }

    private record Outcome(TripletLossResult loss, MiningStats mining) {
    }

    private record Regularized(INDArray params, INDArray gradient, List<Regularization> regularization) {
    }
}
