package io.facetrain.core.eval;

import java.util.Objects;

/**
 * A gallery identity and its distance to a probe: the smallest squared L2 distance between the probe and
 * any of that identity's enrolled embeddings.
 *
 * @param identity the enrolled identity
 * @param distance squared L2 distance, smaller = more similar
 */
public record Match(String identity, double distance) {

    public Match {
        Objects.requireNonNull(identity, "identity");
    }
}
