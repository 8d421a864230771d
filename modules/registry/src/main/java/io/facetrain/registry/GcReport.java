package io.facetrain.registry;

import java.util.List;
import java.util.Map;

/**
 * What one {@code gc} run of a model removed (or, in a dry run, would remove) and what it kept.
 *
 * @param model            the model name
 * @param removedVersions  committed versions removed
 * @param keptVersions     committed versions kept, each with the reason
 * @param removedLeftovers paths of leftovers of failed publishes that were removed
 * @param dryRun           true if nothing was actually removed
 */
public record GcReport(String model, List<Integer> removedVersions,
        Map<Integer, String> keptVersions, List<String> removedLeftovers, boolean dryRun) {
}
