package io.facetrain.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Objects;

/**
 * A face (or signal, or volume) encoder: a DL4J graph mapping an input example to an L2-normalised
 * embedding, together with the spec it was built from and the layout of its flat parameter vector.
 *
 * <p>Not thread-safe: one encoder per training or inference thread.
 */
public final class Encoder {

    private final EncoderSpec spec;
    private final EncoderGraph graph;
    private final ParameterLayout layout;

    private Encoder(EncoderSpec spec, EncoderGraph graph) {
        this.spec = spec;
        this.graph = graph;
        this.layout = ParameterLayout.of(graph);
    }

    /**
     * Builds and initialises a new encoder (parameters drawn with {@code spec.seed()}).
     *
     * @param updater the optimiser recorded in the network configuration (see {@link EncoderBuilder})
     */
    public static Encoder create(EncoderSpec spec, IUpdater updater) {
        EncoderGraph graph = new EncoderGraph(EncoderBuilder.configuration(spec, updater));
        graph.init();
        return new Encoder(spec, graph);
    }

    /** Wraps an initialised graph that was built from {@code spec} (e.g. one restored from disk). */
    public static Encoder wrap(EncoderSpec spec, EncoderGraph graph) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(graph, "graph");
        if (graph.getConfiguration().getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("an encoder graph has exactly one output, got "
                    + graph.getConfiguration().getNetworkOutputs());
        }
        return new Encoder(spec, graph);
    }

    public EncoderSpec spec() {
        return spec;
    }

    /** The underlying DL4J graph. */
    public EncoderGraph graph() {
        return graph;
    }

    /** Where each parameter sits in the flat vector and which optimiser DL4J gives it. */
    public ParameterLayout parameterLayout() {
        return layout;
    }

    /** Number of values in the flat parameter vector (batch-norm running statistics included). */
    public long parameterCount() {
        return layout.totalLength();
    }

    /** The live flat parameter vector ([1, parameterCount]); writing to it changes the network. */
    public INDArray parameters() {
        return graph.params();
    }

    /** Copies {@code flat} (any shape with parameterCount values) into the network's parameters. */
    public void setParameters(INDArray flat) {
        if (flat.length() != layout.totalLength()) {
            throw new IllegalArgumentException("expected " + layout.totalLength() + " parameters, got " + flat.length());
        }
        graph.params().assign(flat.reshape(graph.params().shape()));
    }

    /**
     * Embeds a batch at inference time (batch-norm uses its running statistics).
     *
     * @param batch {@code n} examples in the layout of {@link InputShape#batchShape(long)}
     * @return the {@code n × embeddingDim} embeddings, row-major
     */
    public float[] embed(INDArray batch) {
        INDArray out = graph.outputSingle(false, batch);
        try {
            float[][] rows = out.toFloatMatrix();
            int dim = spec.embeddingDim();
            float[] flat = new float[rows.length * dim];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(rows[r], 0, flat, r * dim, dim);
            }
            return flat;
        } finally {
            if (out.closeable()) {
                out.close();
            }
        }
    }

    /**
     * Embeds {@code n} examples given as one flat array in the input layout.
     *
     * @param values {@code n × inputShape.elementsPerExample()} values
     */
    public float[] embed(float[] values, int n) {
        int per = spec.inputShape().elementsPerExample();
        if (values.length != (long) n * per) {
            throw new IllegalArgumentException("need " + (long) n * per + " values for " + n + " examples of "
                    + spec.inputShape() + ", got " + values.length);
        }
        try (INDArray batch = Nd4j.create(values, spec.inputShape().batchShape(n), 'c')) {
            return embed(batch);
        }
    }

    @Override
    public String toString() {
        return "Encoder(" + spec + ", " + layout.totalLength() + " parameters)";
    }
}
