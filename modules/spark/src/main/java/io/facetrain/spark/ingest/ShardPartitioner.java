package io.facetrain.spark.ingest;

import org.apache.spark.Partitioner;

/**
 * One Spark partition per shard: partition i holds exactly the records of shard i, so the task that
 * writes {@code part-0000i.avro} sees every image of every person assigned to it, and no other.
 */
final class ShardPartitioner extends Partitioner {

    private static final long serialVersionUID = 1L;

    private final int shards;

    ShardPartitioner(int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, got " + shards);
        }
        this.shards = shards;
    }

    @Override
    public int numPartitions() {
        return shards;
    }

    @Override
    public int getPartition(Object key) {
        int shard = ((ShardKey) key).shard();
        if (shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " outside 0.." + (shards - 1));
        }
        return shard;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShardPartitioner that && that.shards == shards;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(shards);
    }
}
