package io.facetrain.core.loss;

/**
 * The triplet loss of one batch.
 *
 * @param meanLoss         J / T: the mean over the batch's triplets of max(d(A,P) − d(A,N) + α, 0); 0 when T = 0
 * @param tripletCount     T, the number of triplets
 * @param activeCount      triplets with a positive loss (the only ones with a gradient)
 * @param meanPositiveDistance mean squared distance d(A,P) over the triplets
 * @param meanNegativeDistance mean squared distance d(A,N) over the triplets
 */
public record TripletLossResult(double meanLoss, int tripletCount, int activeCount, double meanPositiveDistance,
                                double meanNegativeDistance) {

    /** Fraction of triplets with a positive loss; 0 when there are none. */
    public double activeFraction() {
        return tripletCount == 0 ? 0.0 : (double) activeCount / tripletCount;
    }
}
