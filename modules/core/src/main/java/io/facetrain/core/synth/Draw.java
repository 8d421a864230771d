package io.facetrain.core.synth;

import java.util.SplittableRandom;

/** The few kinds of random draws the trait and variation samplers need. */
final class Draw {

    private Draw() {
    }

    static double uniform(SplittableRandom random, double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    /** Uniform in log space: for multiplicative factors such as scale or brightness. */
    static double logUniform(SplittableRandom random, double low, double high) {
        return low * StrictMath.exp(random.nextDouble() * StrictMath.log(high / low));
    }

    static boolean chance(SplittableRandom random, double probability) {
        return random.nextDouble() < probability;
    }

    /** One constant of {@code values}, drawn with the given relative weights (same order). */
    static <E> E weighted(SplittableRandom random, E[] values, double[] weights) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException(values.length + " values but " + weights.length + " weights");
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double pick = random.nextDouble() * total;
        for (int i = 0; i < values.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
