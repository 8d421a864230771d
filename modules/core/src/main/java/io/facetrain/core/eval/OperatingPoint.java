package io.facetrain.core.eval;

/**
 * One point of a verification ROC curve: accepting every pair whose distance is {@code <= threshold}
 * as "same person" gives the false accept rate {@code far} (fraction of different-person pairs accepted)
 * and the true accept rate {@code tar} (fraction of same-person pairs accepted).
 *
 * @param threshold distance threshold τ; a pair is "same" when its distance is {@code <= τ}
 * @param far       false accept rate in [0, 1]
 * @param tar       true accept rate in [0, 1]
 */
public record OperatingPoint(double threshold, double far, double tar) {

    /** False reject rate, {@code 1 - tar}. */
    public double frr() {
        return 1.0 - tar;
    }
}
