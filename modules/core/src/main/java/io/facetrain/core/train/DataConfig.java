package io.facetrain.core.train;

/**
 * Loading the dataset ({@code facetrain.train.data}).
 *
 * @param threads       threads that decode and crop images (0: one per available core)
 * @param cacheMaxBytes refuse to cache more decoded pixels than this (the run would not fit in memory)
 */
public record DataConfig(int threads, long cacheMaxBytes) {

    public DataConfig {
        if (threads < 0 || threads > 256) {
            throw new IllegalArgumentException("train.data.threads must be in [0, 256], got " + threads);
        }
        if (cacheMaxBytes < (1 << 20)) {
            throw new IllegalArgumentException("train.data.cache-max-bytes must be at least 1 MB, got " + cacheMaxBytes);
        }
    }

    static DataConfig read(SectionReader s) {
        return new DataConfig(s.getInt("threads"), s.getBytes("cache-max-bytes"));
    }

    /** The decoding threads to use. */
    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
