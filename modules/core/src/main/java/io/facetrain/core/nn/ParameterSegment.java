package io.facetrain.core.nn;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;
import java.util.Objects;

/**
 * One named parameter array of a network, located in the network's flat parameter vector.
 *
 * @param layerName        the DL4J layer (graph vertex) the parameter belongs to
 * @param parameterName    DL4J's parameter key within the layer ("W", "b", "gamma", "mean", ...)
 * @param offset           first index in the flat parameter (and gradient) vector
 * @param length           number of values
 * @param updater          the optimiser DL4J applies to this parameter (NoOp for batch-norm running statistics)
 * @param regularization   regularisation DL4J applies to this parameter before the optimiser (e.g. L2); may be empty
 * @param runningStatistic true when the "gradient" of this segment is not a gradient but DL4J's running-average
 *                         update of a batch-norm statistic ({@code stat - update} is the new value); such segments
 *                         are excluded from gradient checks and regularisation, and are never divided by a batch size
 */
public record ParameterSegment(String layerName, String parameterName, long offset, long length, IUpdater updater,
                               List<Regularization> regularization, boolean runningStatistic) {

    public ParameterSegment {
        Objects.requireNonNull(layerName, "layerName");
        Objects.requireNonNull(parameterName, "parameterName");
        Objects.requireNonNull(updater, "updater");
        regularization = List.copyOf(regularization);
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("bad segment " + layerName + "_" + parameterName + ": offset " + offset
                    + ", length " + length);
        }
    }

    /** {@code layer_parameter}, as DL4J's {@code paramTable()} names it. */
    public String key() {
        return layerName + "_" + parameterName;
    }

    /** One past the last index. */
    public long end() {
        return offset + length;
    }
}
