package io.facetrain.core.mining;

/**
 * How hard a triplet (A, P, N) is for the current embedding, with d = squared distance and α the margin:
 * <ul>
 *   <li>{@link #HARD}: d(A,N) ≤ d(A,P), the negative is at least as close as the positive;</li>
 *   <li>{@link #SEMI_HARD}: d(A,P) &lt; d(A,N) &lt; d(A,P) + α (FaceNet), ordered correctly but inside the margin;</li>
 *   <li>{@link #EASY}: d(A,N) ≥ d(A,P) + α, zero loss and no gradient.</li>
 * </ul>
 */
public enum TripletKind {
    EASY, SEMI_HARD, HARD;

    /** Classifies a triplet from its two squared distances. */
    public static TripletKind of(double positiveDistance, double negativeDistance, double margin) {
        if (negativeDistance <= positiveDistance) {
            return HARD;
        }
        return negativeDistance < positiveDistance + margin ? SEMI_HARD : EASY;
    }
}
