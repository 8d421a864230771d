package io.facetrain.core.nn;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer of {@link FastConvolutionLayer}. For a batch x of shape [n, c, h, w] and weights W of shape
 * [oc, c, kh, kw], with K = c·kh·kw and P = outH·outW:
 * <ul>
 *   <li>forward: im2col(x) into a plain [n, c, kh, kw, outH, outW] array (sequential writes), rearranged by
 *       one copy to [c, kh, kw, n, outH, outW] = cols[K, n·P]; Z = W[oc, K] · cols, one large product, copied
 *       to the NCHW output;</li>
 *   <li>backward (δ = dL/dz as [oc, n·P]): dW = δ · colsᵀ and dcols = Wᵀ · δ, two large products;
 *       db = row sums of δ; dx = col2im(dcols), skipped for a layer that reads the network input.</li>
 * </ul>
 * In training, cols (and the pre-activation when the activation is not the identity) are kept in the
 * activation workspace between the forward and the backward pass, so the convolution is not recomputed.
 */
final class FastConvolution extends ConvolutionLayer {

    private static final long serialVersionUID = 1L;

    private transient INDArray cols;
    private transient INDArray preActivation;
    private transient int[] geometry;

    FastConvolution(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private org.deeplearning4j.nn.conf.layers.ConvolutionLayer conv() {
        return (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) conf().getLayer();
    }

    /** [kh, kw, sh, sw, padTop, padLeft, outH, outW] for the current input. */
    private int[] geometry(INDArray x) {
        int[] kernel = conv().getKernelSize();
        int[] stride = conv().getStride();
        int[] dilation = conv().getDilation();
        int[] pad;
        int[] out;
        if (getConvolutionMode() == ConvolutionMode.Same) {
            out = ConvolutionUtils.getOutputSize(x, kernel, stride, null, getConvolutionMode(), dilation, CNN2DFormat.NCHW);
            pad = ConvolutionUtils.getSameModeTopLeftPadding(out, new int[] {(int) x.size(2), (int) x.size(3)}, kernel,
                    stride, dilation);
        } else {
            pad = conv().getPadding();
            out = ConvolutionUtils.getOutputSize(x, kernel, stride, pad, getConvolutionMode(), dilation, CNN2DFormat.NCHW);
        }
        return new int[] {kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], out[0], out[1]};
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = input.castTo(dataType);
        if (x.rank() != 4) {
            throw new IllegalStateException("FastConvolution expects rank-4 NCHW input, got " + x.shapeInfoToString());
        }
        if (x.ordering() != 'c' || x.elementWiseStride() != 1) {
            x = workspaceMgr.dup(ArrayType.FF_WORKING_MEM, x, 'c');
        }
        INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        int[] g = geometry(x);
        long n = x.size(0);
        long c = x.size(1);
        long oc = w.size(0);
        long k = c * g[0] * g[1];
        long p = (long) g[6] * g[7];
        INDArray columns = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType,
                new long[] {n, c, g[0], g[1], g[6], g[7]}, 'c');
        Convolution.im2col(x, g[0], g[1], g[2], g[3], g[4], g[5], 1, 1, getConvolutionMode() == ConvolutionMode.Same,
                columns);
        // One large product instead of n small ones: [oc, K] · [K, n·P]. Rearranging the columns costs one
        // sequential copy; n separate products were 5–10× slower here.
        INDArray kMajor = workspaceMgr.createUninitialized(training ? ArrayType.INPUT : ArrayType.FF_WORKING_MEM,
                dataType, new long[] {c, g[0], g[1], n, g[6], g[7]}, 'c');
        // Rank-3 views: libnd4j copies a rank-3 permutation several times faster than the equivalent rank-6 one.
        kMajor.reshape('c', k, n, p).assign(columns.reshape('c', n, k, p).permute(1, 0, 2));
        INDArray cols2 = kMajor.reshape('c', k, n * p);
        INDArray w2 = w.reshape('c', oc, k);
        INDArray product = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType, new long[] {oc, n, p}, 'c');
        Nd4j.exec(new Mmul(w2, cols2, product.reshape('c', oc, n * p), 1.0, 0.0, MMulTranspose.allFalse()));
        IActivation activation = layerConf().getActivationFn();
        boolean identity = activation instanceof org.nd4j.linalg.activations.impl.ActivationIdentity;
        ArrayType zType = identity ? ArrayType.ACTIVATIONS : (training ? ArrayType.INPUT : ArrayType.FF_WORKING_MEM);
        INDArray z = workspaceMgr.createUninitialized(zType, dataType, new long[] {n, oc, g[6], g[7]}, 'c');
        z.reshape('c', n, oc, p).assign(product.permute(1, 0, 2));
        if (hasBias()) {
            INDArray b = getParam(ConvolutionParamInitializer.BIAS_KEY);
            Nd4j.getExecutioner().exec(new BroadcastAddOp(z, b.reshape(oc), z, 1));
        }
        if (training) {
            cols = kMajor;
            geometry = g;
            preActivation = identity ? null : z;
        }
        if (identity) {
            return z;
        }
        INDArray a = workspaceMgr.dup(ArrayType.ACTIVATIONS, z);
        return activation.getActivation(a, training);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (cols == null) {
            throw new IllegalStateException("FastConvolution backprop needs a training-mode forward pass first");
        }
        INDArray x = input;
        INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        int[] g = geometry;
        long n = x.size(0);
        long c = x.size(1);
        long oc = w.size(0);
        long k = c * g[0] * g[1];
        long p = (long) g[6] * g[7];
        INDArray delta = epsilon.castTo(dataType);
        if (preActivation != null) {
            delta = layerConf().getActivationFn().backprop(workspaceMgr.dup(ArrayType.BP_WORKING_MEM, preActivation),
                    delta).getFirst();
        }
        // δ as [oc, n·P], matching the column layout [K, n·P].
        INDArray deltaT = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {oc, n, p}, 'c');
        deltaT.assign(delta.reshape(n, oc, p).permute(1, 0, 2));
        INDArray delta2 = deltaT.reshape('c', oc, n * p);
        INDArray cols2 = cols.reshape('c', k, n * p);
        INDArray w2 = w.reshape('c', oc, k);

        Gradient gradient = new DefaultGradient();
        INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        Nd4j.exec(new Mmul(delta2, cols2, weightGrad.reshape('c', oc, k), 1.0, 0.0,
                MMulTranspose.builder().transposeB(true).build()));
        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
            biasGrad.assign(delta2.sum(1).reshape(biasGrad.shape()));
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
        if (((FastConvolutionLayer) conv()).isNetworkInput()) {
            // Nothing upstream needs dL/dx: the network input has no parameters.
            return new Pair<>(gradient, null);
        }
        INDArray dcolsT = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[] {c, g[0], g[1], n, g[6], g[7]}, 'c');
        Nd4j.exec(new Mmul(w2, delta2, dcolsT.reshape('c', k, n * p), 1.0, 0.0,
                MMulTranspose.builder().transposeA(true).build()));
        INDArray dcols = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[] {n, c, g[0], g[1], g[6], g[7]}, 'c');
        dcols.reshape('c', n, k, p).assign(dcolsT.reshape('c', k, n, p).permute(1, 0, 2));
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        Convolution.col2im(dcols, dx, g[2], g[3], g[4], g[5], (int) x.size(2), (int) x.size(3), 1, 1);
        return new Pair<>(gradient, dx);
    }

    @Override
    public void clear() {
        super.clear();
        cols = null;
        preActivation = null;
        geometry = null;
    }
}
