package io.facetrain.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/** Deterministic inputs for encoder tests. */
final class NnTestSupport {

    private NnTestSupport() {
    }

    static float[] gaussian(long seed, int n) {
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    static INDArray gaussianDouble(long seed, long[] shape) {
        Random random = new Random(seed);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return Nd4j.create(v, shape, 'c');
    }
}
