package io.facetrain.registry;

import java.time.Duration;

/**
 * What {@code gc} may remove.
 *
 * @param retention      committed versions younger than this are kept even if no alias names them
 * @param abandonedAfter leftovers of failed publishes (staging uploads, uncommitted version
 *                       directories) are removed once nothing in them changed for this long; it
 *                       must exceed the longest publish, or a publish in progress loses its upload
 * @param dryRun         report what would be removed, remove nothing
 */
public record GcPolicy(Duration retention, Duration abandonedAfter, boolean dryRun) {

    public GcPolicy {
        if (retention == null || retention.isNegative()) {
            throw new IllegalArgumentException("retention " + retention + " is invalid: it must be zero"
                    + " or positive");
        }
        if (abandonedAfter == null || abandonedAfter.isNegative()) {
            throw new IllegalArgumentException("abandonedAfter " + abandonedAfter
                    + " is invalid: it must be zero or positive");
        }
    }

    public GcPolicy withDryRun(boolean dry) {
        return new GcPolicy(retention, abandonedAfter, dry);
    }

    public GcPolicy withRetention(Duration newRetention) {
        return new GcPolicy(newRetention, abandonedAfter, dryRun);
    }
}
