package io.facetrain.core.train;

import io.facetrain.core.nn.ParameterLayout;
import io.facetrain.core.nn.ParameterSegment;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies the network's optimiser in-process, segment by segment of the flat vector, exactly as DL4J's
 * own updater would: each {@link ParameterSegment} gets an ND4J {@link GradientUpdater} built from its
 * configured {@code IUpdater} (Adam by default, with its learning-rate schedule; NoOp for batch-norm
 * running statistics), over its own slice of one optimiser-state array, and then
 * {@code parameters −= update}. The gradient is copied into a scratch buffer first, because ND4J's
 * updaters transform their input in place.
 */
public final class LocalUpdateStep implements UpdateStep {

    private final ParameterLayout layout;
    private final INDArray state;
    private final INDArray scratch;
    private final List<INDArray> scratchSegments = new ArrayList<>();
    private final List<GradientUpdater<?>> updaters = new ArrayList<>();

    public LocalUpdateStep(ParameterLayout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
        long stateLength = layout.updaterStateLength();
        this.state = stateLength == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, stateLength);
        this.scratch = Nd4j.zeros(DataType.FLOAT, 1, layout.totalLength());
        long stateOffset = 0;
        for (ParameterSegment s : layout.segments()) {
            long size = s.updater().stateSize(s.length());
            INDArray view = size == 0 ? null
                    : state.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(stateOffset, stateOffset + size));
            stateOffset += size;
            updaters.add(s.updater().instantiate(view, true));
            scratchSegments.add(scratch.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(s.offset(), s.end())));
        }
    }

    @Override
    public void apply(StepGradient gradient, INDArray parameters) {
        if (gradient.gradient().length() != layout.totalLength() || parameters.length() != layout.totalLength()) {
            throw new IllegalArgumentException("gradient (" + gradient.gradient().length() + ") and parameters ("
                    + parameters.length() + ") must both have " + layout.totalLength() + " values");
        }
        scratch.assign(gradient.gradient().reshape(scratch.shape()));
        int iteration = Math.toIntExact(gradient.iteration());
        for (int i = 0; i < updaters.size(); i++) {
            updaters.get(i).applyUpdater(scratchSegments.get(i), iteration, gradient.epoch());
        }
        parameters.subi(scratch.reshape(parameters.shape()));
    }

    /** The learning rate of the first trained segment at the given step (for progress reports). */
    public double learningRate(long iteration, int epoch) {
        for (ParameterSegment s : layout.segments()) {
            if (!s.runningStatistic() && s.updater().hasLearningRate()) {
                return s.updater().getLearningRate(Math.toIntExact(iteration), epoch);
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        if (state != null) {
            state.close();
        }
        scratch.close();
    }
}
