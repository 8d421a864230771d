package io.facetrain.core.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.nn.api.FwdPassType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Objects;

/**
 * A DL4J {@link ComputationGraph} that can be trained with a loss computed outside the network.
 *
 * <p>DL4J's public route for external errors ({@code feedForward(..., clearInputs=false)} then
 * {@code backpropGradient(epsilon)}) keeps every activation outside workspaces, so its off-heap memory is
 * released only when the garbage collector happens to run (DESIGN §9: a loop built that way grew by
 * ~50 MB/s). {@link #backpropOutputLoss} instead does what {@code computeGradientAndScore()} does for
 * built-in output layers: the forward pass, the external loss and the backward pass all run inside DL4J's
 * activation workspace, which is reset and reused every step, so a training loop allocates no new
 * off-heap memory per step once the workspaces have learned their size.
 */
public final class EncoderGraph extends ComputationGraph {

    private static final long serialVersionUID = 1L;

    /** Builds (but does not initialise) a graph from its configuration; call {@link #init()} or {@code init(params, false)}. */
    public EncoderGraph(ComputationGraphConfiguration configuration) {
        super(configuration);
    }

    /**
     * Training-mode forward pass of {@code input}, then {@code loss} on the output, then back-propagation of
     * the gradient the loss returned. On return {@link #getFlattenedGradients()} holds dLoss/dParameters
     * (for batch-norm running statistics: DL4J's running-average update, see {@link ParameterLayout}).
     *
     * @param input a batch in the network's input layout; not modified, owned by the caller
     * @param loss  the external loss on the output rows
     * @return what the loss returned
     */
    public synchronized <R> R backpropOutputLoss(INDArray input, OutputLoss<R> loss) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(loss, "loss");
        if (getConfiguration().getNetworkInputs().size() != 1 || getConfiguration().getNetworkOutputs().size() != 1) {
            throw new IllegalStateException("backpropOutputLoss needs a graph with one input and one output");
        }
        if (getFlattenedGradients() == null) {
            initGradientsView();
        }
        synchronizeIterEpochCounts();
        LayerWorkspaceMgr workspaces = trainingWorkspaces();
        String outputName = getConfiguration().getNetworkOutputs().get(0);
        R result;
        try (MemoryWorkspace activations = workspaces.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
            Map<String, INDArray> forward = ffToLayerActivationsInWS(true, -1, null, FwdPassType.STANDARD, false,
                    new INDArray[] {input}, null, null, false);
            INDArray output = forward.get(outputName);
            if (output == null || output.rank() != 2) {
                throw new IllegalStateException("expected a rank-2 output from vertex '" + outputName + "', got "
                        + (output == null ? "nothing" : output.shapeInfoToString()));
            }
            int rows = (int) output.size(0);
            int dim = (int) output.size(1);
            double[] values = flatten(output.toDoubleMatrix(), rows, dim);
            double[] gradient = new double[values.length];
            result = loss.evaluate(values, rows, dim, gradient);
            INDArray epsilon = Nd4j.create(gradient, new long[] {rows, dim}, 'c');
            if (output.dataType() != DataType.DOUBLE) {
                epsilon = epsilon.castTo(output.dataType());
            }
            calcBackpropGradients(true, false, epsilon);
        } finally {
            for (GraphVertex vertex : getVertices()) {
                vertex.clear();
            }
        }
        return result;
    }

    private LayerWorkspaceMgr trainingWorkspaces() {
        LayerWorkspaceMgr mgr;
        if (getConfiguration().getTrainingWorkspaceMode() == WorkspaceMode.NONE) {
            mgr = LayerWorkspaceMgr.noWorkspaces();
        } else {
            // The same arrangement computeGradientAndScore() uses.
            mgr = LayerWorkspaceMgr.builder()
                    .with(ArrayType.ACTIVATIONS, WS_ALL_LAYERS_ACT, WS_ALL_LAYERS_ACT_CONFIG)
                    .with(ArrayType.INPUT, WS_ALL_LAYERS_ACT, WS_ALL_LAYERS_ACT_CONFIG)
                    .with(ArrayType.FF_WORKING_MEM, WS_LAYER_WORKING_MEM, WS_LAYER_WORKING_MEM_CONFIG)
                    .with(ArrayType.BP_WORKING_MEM, WS_LAYER_WORKING_MEM, WS_LAYER_WORKING_MEM_CONFIG)
                    .with(ArrayType.RNN_FF_LOOP_WORKING_MEM, WS_RNN_LOOP_WORKING_MEM, WS_RNN_LOOP_WORKING_MEM_CONFIG)
                    .with(ArrayType.RNN_BP_LOOP_WORKING_MEM, WS_RNN_LOOP_WORKING_MEM, WS_RNN_LOOP_WORKING_MEM_CONFIG)
                    .with(ArrayType.UPDATER_WORKING_MEM, WS_ALL_LAYERS_ACT, WS_ALL_LAYERS_ACT_CONFIG)
                    .build();
        }
        mgr.setHelperWorkspacePointers(getHelperWorkspaces());
        return mgr;
    }

    private static double[] flatten(double[][] matrix, int rows, int dim) {
        double[] flat = new double[rows * dim];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(matrix[r], 0, flat, r * dim, dim);
        }
        return flat;
    }
}
