package io.facetrain.core.eval;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to "who is this?" from a {@link Gallery}: the nearest enrolled identity, accepted only when
 * its distance is within the threshold; otherwise the answer is "not recognised".
 *
 * @param nearest   the nearest enrolled identity and its distance, reported even when not recognised
 * @param threshold the acceptance threshold τ (squared L2)
 */
public record Recognition(Match nearest, double threshold) {

    public Recognition {
        Objects.requireNonNull(nearest, "nearest");
    }

    /** True when the nearest identity is within the threshold ({@code distance <= τ}). */
    public boolean recognised() {
        return nearest.distance() <= threshold;
    }

    /** The recognised identity, or empty for "not recognised". */
    public Optional<String> identity() {
        return recognised() ? Optional.of(nearest.identity()) : Optional.empty();
    }

    @Override
    public String toString() {
        return recognised()
                ? "recognised " + nearest.identity() + " (distance " + nearest.distance() + " <= " + threshold + ")"
                : "not recognised (nearest " + nearest.identity() + " at " + nearest.distance() + " > " + threshold + ")";
    }
}
