package io.facetrain.spark.train;

/**
 * The seed of a worker's samplers, augmentation and mining randomness in one round, derived from the run's
 * seed: every (worker, round) draws a different stream, and a retried or replayed task the same one.
 */
public final class WorkerSeeds {

    private WorkerSeeds() {
    }

    public static long of(long runSeed, int worker, int round) {
        if (worker < 0 || round < 0) {
            throw new IllegalArgumentException("worker and round must be >= 0, got " + worker + ", " + round);
        }
        long z = runSeed ^ (0x9E3779B97F4A7C15L * (worker + 1L)) ^ (0xC2B2AE3D27D4EB4FL * (round + 1L));
        // SplitMix64's finaliser: nearby inputs give unrelated seeds.
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
