package io.facetrain.core.eval;

/**
 * The operating point reached at a requested false accept rate: the ROC point with the largest true accept
 * rate among those whose false accept rate does not exceed {@code targetFar}.
 *
 * @param targetFar the requested false accept rate
 * @param point     the chosen ROC point; {@code point.far() <= targetFar} always holds
 */
public record TarAtFar(double targetFar, OperatingPoint point) {

    /** True accept rate at the chosen point. */
    public double tar() {
        return point.tar();
    }

    /** The threshold τ calibrated for {@code targetFar}. */
    public double threshold() {
        return point.threshold();
    }
}
