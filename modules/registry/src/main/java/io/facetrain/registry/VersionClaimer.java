package io.facetrain.registry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.fs.FileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims version numbers so that no two publishers ever get the same one, on any store that is
 * linearizable for create, list and delete (local and HDFS file systems; S3 since its Dec 2020
 * strong read-after-write and list consistency). No conditional write is needed.
 *
 * <p>To claim N, a publisher writes a claim object with a name no one else uses
 * ({@code .claims/vN.<random id>.claim}), then lists the claims for N. It holds N if its claim is
 * the only one; otherwise it deletes its claim and tries again after a random pause.
 *
 * <p>Why two publishers A and B cannot both hold N: A holding N means A's listing (after A's
 * write) did not show B's claim, so B's write came after A's listing; symmetrically A's write came
 * after B's listing. With each write before its own listing, that is a cycle in time, impossible
 * on a linearizable store. (A deleted claim cannot fool this: a claim is only deleted by a
 * publisher that has already lost.) Both may lose and retry; that costs attempts, never safety.
 *
 * <p>The winning claim is never deleted, so N is never handed out again, even if the winner dies
 * before committing (the number is then skipped).
 */
final class VersionClaimer {

    private static final Logger LOG = LoggerFactory.getLogger(VersionClaimer.class);
    private static final Duration BACKOFF_BASE = Duration.ofMillis(100);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(3);

    private final RegistryStore store;
    private final RegistryLayout layout;
    private final Clock clock;
    private final int maxAttempts;

    /** A version number held by one publisher. */
    record VersionClaim(int version, String claimId) {
    }

    VersionClaimer(RegistryStore store, RegistryLayout layout, Clock clock, int maxAttempts) {
        this.store = store;
        this.layout = layout;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    /** Claims the next free version number of {@code model} for the upload {@code stagingId}. */
    VersionClaim claim(String model, String stagingId) throws IOException {
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            int candidate = highestUsed(model) + 1;
            String claimId = UUID.randomUUID().toString();
            if (tryClaim(model, candidate, claimId, stagingId)) {
                return new VersionClaim(candidate, claimId);
            }
            LOG.info("model '{}': lost the race for {} (attempt {} of {}); retrying", model,
                    RegistryLayout.versionName(candidate), attempt, maxAttempts);
            if (attempt < maxAttempts) {
                pause(attempt);
            }
        }
        throw new VersionClaimException("model '" + model + "': could not claim a version number in "
                + maxAttempts + " attempts because other publishers claimed the same numbers at the same"
                + " time; nothing was published, retry later");
    }

    /**
     * Tries to hold {@code version} with a new claim {@code claimId}: true if it is now held by this
     * claim alone, false (and the claim withdrawn) if any other claim for it exists.
     */
    boolean tryClaim(String model, int version, String claimId, String stagingId)
            throws IOException {
        var content = Json.object()
                .put("claimId", claimId)
                .put("stagingId", stagingId)
                .put("version", version)
                .put("claimedAt", clock.instant().toString());
        store.write(layout.claimFile(model, version, claimId), Json.pretty(content));
        Set<String> claimants = claimantsOf(model, version);
        claimants.remove(claimId);
        if (claimants.isEmpty()) {
            return true;
        }
        store.delete(layout.claimFile(model, version, claimId));
        return false;
    }

    /** The claim ids that currently claim {@code version}. */
    Set<String> claimantsOf(String model, int version) throws IOException {
        Set<String> ids = new HashSet<>();
        for (FileStatus status : store.list(layout.claimsDir(model))) {
            RegistryLayout.parseClaimName(status.getPath().getName())
                    .filter(claim -> claim.version() == version)
                    .ifPresent(claim -> ids.add(claim.claimId()));
        }
        return ids;
    }

    /** The highest version number claimed or present as a directory; 0 for a new model. */
    int highestUsed(String model) throws IOException {
        int highest = 0;
        for (FileStatus status : store.list(layout.claimsDir(model))) {
            var claim = RegistryLayout.parseClaimName(status.getPath().getName());
            if (claim.isPresent()) {
                highest = Math.max(highest, claim.get().version());
            }
        }
        for (FileStatus status : store.list(layout.modelDir(model))) {
            OptionalInt version = RegistryLayout.parseVersionName(status.getPath().getName());
            if (status.isDirectory() && version.isPresent()) {
                highest = Math.max(highest, version.getAsInt());
            }
        }
        return highest;
    }

    private static void pause(int attempt) throws InterruptedIOException {
        long ceiling = Math.min(BACKOFF_MAX.toMillis(), BACKOFF_BASE.toMillis() << (attempt - 1));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted =
                    new InterruptedIOException("interrupted while waiting to retry a version claim");
            interrupted.initCause(e);
            throw interrupted;
        }
    }
}
