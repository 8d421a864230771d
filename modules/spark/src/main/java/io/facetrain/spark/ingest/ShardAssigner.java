package io.facetrain.spark.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Maps a person to a shard: the first 64 bits of SHA-256 of the person id (UTF-8), unsigned, modulo
 * the shard count. The same person always lands in the same shard, on any JVM and in any run, which is
 * what lets incremental runs add images to a person without moving the person.
 */
public final class ShardAssigner {

    private ShardAssigner() {
    }

    public static int shardOf(String personId, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, got " + shards);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(personId.getBytes(StandardCharsets.UTF_8));
            long high = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                high = high << 8 | (digest[i] & 0xFF);
            }
            return (int) Long.remainderUnsigned(high, shards);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
