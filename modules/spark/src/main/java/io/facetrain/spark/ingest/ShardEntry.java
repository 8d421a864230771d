package io.facetrain.spark.ingest;

import io.facetrain.schema.ImageFormat;

import java.io.Serializable;

/**
 * One accepted image as planned for a shard: everything its FaceImage record holds except the bytes and
 * the ingest time, which the shard writer adds.
 */
public record ShardEntry(int shard, String personId, String path, String imageId, ImageFormat format, int width,
                         int height, int channels, long sizeBytes) implements Serializable {

    /** The sort and partition key: shard, then person, then path. */
    ShardKey key() {
        return new ShardKey(shard, personId, path);
    }

    /** LFW folder names use '_' for spaces: {@code George_W_Bush} is George W Bush. */
    static String personName(String personId) {
        return personId.replace('_', ' ');
    }
}
