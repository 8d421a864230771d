package io.facetrain.core.train;

import io.facetrain.core.loss.TripletLoss;
import io.facetrain.core.loss.Triplets;
import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.nn.Architecture;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.EncoderSpec;
import io.facetrain.core.nn.InputShape;
import io.facetrain.core.nn.ParameterLayout;
import io.facetrain.core.nn.ParameterSegment;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class LocalUpdateStepTest {

    private static float[] gaussian(long seed, int n) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void matchesDl4jsOwnUpdaterIncludingBatchNormStatistics() {
        // Adam with a warm-up/cosine schedule, L2 on weights, batch norm: three steps through our seam
        // (gradient computer + local step) and through DL4J's network updater must agree.
        IUpdater adam = Adam.builder().learningRateSchedule(new WarmupDecaySchedule(0.01, 2, "cosine", 3, 0.1, 1, 1))
                .build();
        EncoderSpec spec = EncoderSpec.builder().architecture(Architecture.RESNET).inputShape(InputShape.image(16, 16, 3))
                .width(2).embeddingDim(8).l2(1e-3).seed(4).build();
        Encoder ours = Encoder.create(spec, adam);
        Encoder theirs = Encoder.create(spec, adam);
        assertEquals(ours.parameters(), theirs.parameters());
        TripletLoss loss = new TripletLoss(0.5);
        Triplets triplets = Triplets.of(new int[] {0, 1, 2, 3}, new int[] {1, 0, 3, 2}, new int[] {2, 3, 0, 1});
        try (TripletGradientComputer computer = new TripletGradientComputer(ours, loss, null);
             LocalUpdateStep step = new LocalUpdateStep(ours.parameterLayout())) {
            for (int it = 0; it < 3; it++) {
                float[] inputs = gaussian(10 + it, 4 * 3 * 16 * 16);
                Minibatch batch = Minibatch.withTriplets(inputs, new int[] {0, 0, 1, 1}, triplets);
                StepGradient g = computer.compute(batch, it, 0, new Random(1));
                step.apply(g, ours.parameters());

                try (INDArray in = Nd4j.create(inputs, spec.inputShape().batchShape(4), 'c')) {
                    theirs.graph().backpropOutputLoss(in, (out, rows, dim, grad) -> loss.compute(out, rows, dim, triplets, grad));
                }
                theirs.graph().getUpdater().update(theirs.graph().gradient(), it, 0, 1, LayerWorkspaceMgr.noWorkspaces());
                theirs.parameters().subi(theirs.graph().gradient().gradient());

                INDArray diff = ours.parameters().sub(theirs.parameters());
                double maxDiff = diff.amaxNumber().doubleValue();
                double scale = theirs.parameters().amaxNumber().doubleValue();
                assertTrue(maxDiff <= 1e-6 * scale, "step " + it + ": parameters differ by " + maxDiff);
            }
        }
    }

    @Test
    void adamStepFollowsTheFormula() {
        // One segment of plain Adam on a 1×5 vector, checked against Adam written out in double precision.
        double lr = 0.05;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        EncoderSpec spec = EncoderSpec.builder().architecture(Architecture.COMPACT).inputShape(InputShape.image(8, 8, 1))
                .width(1).embeddingDim(2).build();
        Adam adam = new Adam(lr, b1, b2, eps);
        ParameterLayout layout = Encoder.create(spec, adam).parameterLayout();
        int n = (int) layout.totalLength();
        INDArray params = Nd4j.zeros(DataType.FLOAT, 1, n);
        double[] p = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        boolean[] trained = new boolean[n];
        for (ParameterSegment s : layout.segments()) {
            for (long i = s.offset(); i < s.end(); i++) {
                trained[(int) i] = !s.runningStatistic();
            }
        }
        try (LocalUpdateStep step = new LocalUpdateStep(layout)) {
            for (int t = 0; t < 4; t++) {
                float[] g = gaussian(t, n);
                INDArray grad = Nd4j.create(g, new long[] {1, n}, 'c');
                step.apply(new StepGradient(t, 0, grad, 1, 1, 0.0, 1, MiningStats.EMPTY), params);
                for (int i = 0; i < n; i++) {
                    if (!trained[i]) {
                        p[i] -= g[i];
                        continue;
                    }
                    m[i] = b1 * m[i] + (1 - b1) * g[i];
                    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                    double alpha = lr * Math.sqrt(1 - Math.pow(b2, t + 1)) / (1 - Math.pow(b1, t + 1));
                    p[i] -= alpha * m[i] / (Math.sqrt(v[i]) + eps);
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(p[i], params.getDouble(0, i), 1e-5, "value " + i + " after step " + t);
                }
            }
        }
    }
}
