package io.facetrain.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Where each parameter of a network sits in its flat parameter vector, and how DL4J updates it.
 *
 * <p>This is what an optimiser outside the network (the local update step, or a parameter server holding
 * only the flat vector) needs in order to do exactly what DL4J's own updater does:
 * <ul>
 *   <li>each segment gets the {@link IUpdater} DL4J configured for it ({@code Layer.getUpdaterByParam});
 *   <li>batch-norm running mean and log10-stdev (or variance) are <em>not</em> trained: DL4J's
 *       {@code BatchNormalization.backpropGradient} writes {@code (1 - decay) · (stat − batchStat)}-style
 *       running-average updates into their gradient slots, gives them the {@code NoOp} updater, and excludes
 *       them from division by the minibatch size ({@code updaterDivideByMinibatch == false}); applying
 *       {@code params −= gradient} to them yields the new running statistic. Averaging these updates over
 *       workers is a running average of the workers' batch statistics, which is what distributed training wants.
 * </ul>
 * Segments are in flat-vector order: DL4J lays parameters out vertex by vertex in topological order.
 */
public final class ParameterLayout {

    private final List<ParameterSegment> segments;
    private final long totalLength;

    private ParameterLayout(List<ParameterSegment> segments, long totalLength) {
        this.segments = Collections.unmodifiableList(segments);
        this.totalLength = totalLength;
    }

    /** Reads the layout of an initialised graph. */
    public static ParameterLayout of(ComputationGraph graph) {
        GraphVertex[] vertices = graph.getVertices();
        List<ParameterSegment> segments = new ArrayList<>();
        long offset = 0;
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex vertex = vertices[index];
            if (!vertex.hasLayer()) {
                continue;
            }
            Layer layer = vertex.getLayer();
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
                String name = p.getKey();
                long length = p.getValue().length();
                IUpdater updater = conf.getUpdaterByParam(name);
                List<Regularization> regularization = conf.getRegularizationByParam(name);
                boolean runningStatistic = !layer.updaterDivideByMinibatch(name);
                List<Regularization> regs = regularization == null ? List.of() : regularization;
                for (Regularization r : regs) {
                    if (r.applyStep() != Regularization.ApplyStep.BEFORE_UPDATER) {
                        throw new IllegalArgumentException("parameter " + vertex.getVertexName() + "_" + name
                                + " uses " + r + ", applied after the optimiser; only regularisation applied to the "
                                + "gradient (such as L2) can be computed by a worker");
                    }
                }
                segments.add(new ParameterSegment(vertex.getVertexName(), name, offset, length, updater,
                        runningStatistic ? List.of() : regs, runningStatistic));
                offset += length;
            }
        }
        long expected = graph.numParams();
        if (offset != expected) {
            throw new IllegalStateException("parameter segments cover " + offset + " values but the network has "
                    + expected);
        }
        return new ParameterLayout(segments, offset);
    }

    /** All segments, in flat-vector order. */
    public List<ParameterSegment> segments() {
        return segments;
    }

    /** Length of the flat parameter (and gradient) vector. */
    public long totalLength() {
        return totalLength;
    }

    /** Number of values that are trained by gradient descent (everything but batch-norm running statistics). */
    public long trainableLength() {
        long n = 0;
        for (ParameterSegment s : segments) {
            if (!s.runningStatistic()) {
                n += s.length();
            }
        }
        return n;
    }

    /** Length of the optimiser state all segments need together (e.g. 2× for Adam's two moments). */
    public long updaterStateLength() {
        long n = 0;
        for (ParameterSegment s : segments) {
            n += s.updater().stateSize(s.length());
        }
        return n;
    }

    @Override
    public String toString() {
        return "ParameterLayout(" + segments.size() + " segments, " + totalLength + " values, " + trainableLength()
                + " trainable)";
    }
}
