package io.facetrain.spark.ingest;

import java.io.Serializable;
import java.util.Comparator;

/**
 * Orders records inside a shard file: by person, then by source path. Shard files are always written
 * in this order, which lets a rewrite merge the old file with the new plan in one streaming pass.
 */
record ShardKey(int shard, String personId, String path) implements Comparable<ShardKey>, Serializable {

    private static final Comparator<ShardKey> ORDER = Comparator.comparingInt(ShardKey::shard)
            .thenComparing(ShardKey::personId)
            .thenComparing(ShardKey::path);

    @Override
    public int compareTo(ShardKey other) {
        return ORDER.compare(this, other);
    }

    /** Compares person and path only (the shard is the same within a file). */
    static int compareInShard(String personA, String pathA, String personB, String pathB) {
        int byPerson = personA.compareTo(personB);
        return byPerson != 0 ? byPerson : pathA.compareTo(pathB);
    }
}
