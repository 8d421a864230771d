package io.facetrain.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The layer of {@link FastBatchNormalizationLayer}, for NCHW activations x with m = n·h·w values per channel.
 *
 * <p>Forward: μ, σ² (biased) over n, h, w in training, the running estimates at inference; s = √(σ² + ε);
 * y = x·(γ/s) + (β − μ·γ/s), two broadcast passes. Training keeps μ, σ² and s (per channel) in the
 * activation workspace for the backward pass.
 *
 * <p>An optional fused ReLU follows y; its backward pass masks δ where the output is zero.
 *
 * <p>Backward, with δ = dL/dy, S1 = Σδ and S2 = Σδ·x̂ = (Σδ·x − μ·S1)/s per channel: dβ = S1, dγ = S2, and
 * dx = (γ/s)·(δ − S1/m − x̂·S2/m) = A·δ + B·x + C with A = γ/s, B = −γ·S2/(m·s²), C = −A·S1/m − B·μ.
 * The running statistics get DL4J's updates: μ_run − (μ_run − μ)(1 − decay) and, for log10 σ,
 * ½·log10(σ²_run / (decay·σ²_run + (1 − decay)·σ²)).
 */
final class FastBatchNormalization extends BatchNormalization {

    private static final long serialVersionUID = 1L;
    private static final int[] NOT_CHANNELS = {0, 2, 3};

    private transient INDArray batchMean;
    private transient INDArray batchVar;
    private transient INDArray batchStd;
    private transient INDArray output;

    FastBatchNormalization(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private org.deeplearning4j.nn.conf.layers.BatchNormalization bn() {
        return (org.deeplearning4j.nn.conf.layers.BatchNormalization) conf().getLayer();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = contiguous(input.castTo(dataType), workspaceMgr, ArrayType.FF_WORKING_MEM);
        if (x.rank() != 4) {
            throw new IllegalStateException("FastBatchNormalization expects rank-4 NCHW input, got " + x.shapeInfoToString());
        }
        INDArray mean;
        INDArray var;
        if (training) {
            mean = x.mean(NOT_CHANNELS);
            var = x.var(false, NOT_CHANNELS);
        } else {
            mean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).reshape(x.size(1));
            var = runningVariance();
        }
        INDArray std = Transforms.sqrt(var.add(bn().getEps()), false);
        INDArray gamma = getParam(BatchNormalizationParamInitializer.GAMMA).reshape(x.size(1));
        INDArray beta = getParam(BatchNormalizationParamInitializer.BETA).reshape(x.size(1));
        INDArray scale = gamma.div(std);
        INDArray shift = beta.sub(mean.mul(scale));
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastMulOp(x, scale, out, 1));
        Nd4j.getExecutioner().exec(new BroadcastAddOp(out, shift, out, 1));
        if (relu()) {
            Transforms.relu(out, false);
        }
        if (training) {
            output = out;
            batchMean = workspaceMgr.dup(ArrayType.INPUT, mean);
            batchVar = workspaceMgr.dup(ArrayType.INPUT, var);
            batchStd = workspaceMgr.dup(ArrayType.INPUT, std);
        }
        return out;
    }

    private INDArray runningVariance() {
        if (bn().isUseLogStd()) {
            INDArray log10std = getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            INDArray std = Transforms.pow(Nd4j.valueArrayOf(log10std.shape(), 10.0, dataType), log10std, false);
            return std.muli(std).reshape(log10std.length());
        }
        INDArray v = getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
        return v.reshape(v.length());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (batchMean == null) {
            throw new IllegalStateException("FastBatchNormalization backprop needs a training-mode forward pass first");
        }
        INDArray x = contiguous(input.castTo(dataType), workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray delta = contiguous(epsilon.castTo(dataType), workspaceMgr, ArrayType.BP_WORKING_MEM);
        if (relu()) {
            // ReLU passes the gradient where its output is positive, which is where its input was.
            INDArray masked = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, delta.shape(), 'c');
            Nd4j.exec(new RectifiedLinearDerivative(output, delta, masked));
            delta = masked;
        }
        long channels = x.size(1);
        double m = (double) x.length() / channels;
        INDArray gamma = getParam(BatchNormalizationParamInitializer.GAMMA).reshape(channels);

        INDArray s1 = delta.sum(NOT_CHANNELS);
        INDArray sx = Nd4j.getExecutioner().exec(new Dot(delta, x, Nd4j.createUninitialized(dataType, channels),
                NOT_CHANNELS));
        INDArray s2 = sx.sub(batchMean.mul(s1)).divi(batchStd);
        INDArray a = gamma.div(batchStd);
        INDArray b = gamma.mul(s2).divi(batchStd.mul(batchStd)).divi(-m);
        INDArray c = a.mul(s1).divi(-m).subi(b.mul(batchMean));

        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastMulOp(delta, a, dx, 1));
        INDArray bx = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, x.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastMulOp(x, b, bx, 1));
        dx.addi(bx);
        Nd4j.getExecutioner().exec(new BroadcastAddOp(dx, c, dx, 1));

        Gradient gradient = new DefaultGradient();
        set(gradient, BatchNormalizationParamInitializer.GAMMA, s2);
        set(gradient, BatchNormalizationParamInitializer.BETA, s1);
        double decay = bn().getDecay();
        INDArray runningMean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).reshape(channels);
        set(gradient, BatchNormalizationParamInitializer.GLOBAL_MEAN, runningMean.sub(batchMean).muli(1 - decay));
        INDArray runningVar = runningVariance();
        if (bn().isUseLogStd()) {
            INDArray next = runningVar.mul(decay).addi(batchVar.mul(1 - decay));
            INDArray update = Transforms.log(runningVar.div(next), false).muli(1.0 / (2 * Math.log(10.0)));
            set(gradient, BatchNormalizationParamInitializer.GLOBAL_LOG_STD, update);
        } else {
            set(gradient, BatchNormalizationParamInitializer.GLOBAL_VAR, runningVar.sub(batchVar).muli(1 - decay));
        }
        batchMean = null;
        batchVar = null;
        batchStd = null;
        output = null;
        return new Pair<>(gradient, dx);
    }

    private void set(Gradient gradient, String key, INDArray value) {
        INDArray view = gradientViews.get(key);
        view.assign(value.reshape(view.shape()));
        gradient.setGradientFor(key, view);
    }

    private static INDArray contiguous(INDArray a, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        return a.ordering() == 'c' && a.elementWiseStride() == 1 ? a : workspaceMgr.dup(type, a, 'c');
    }

    private boolean relu() {
        return layerConf().getActivationFn() instanceof ActivationReLU;
    }

    @Override
    public void clear() {
        super.clear();
        output = null;
        batchMean = null;
        batchVar = null;
        batchStd = null;
    }
}
