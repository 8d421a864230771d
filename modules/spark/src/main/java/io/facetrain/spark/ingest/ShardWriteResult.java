package io.facetrain.spark.ingest;

import java.io.Serializable;

/**
 * What one shard-writing task produced.
 *
 * @param shard          the shard
 * @param temporaryPath  the finished file, still under its temporary name
 * @param records        records written
 * @param copied         records copied from the previous version of the shard (bytes not read again)
 * @param readFromInput  records read from the input
 * @param bytes          size of the file written
 */
public record ShardWriteResult(int shard, String temporaryPath, int records, int copied, int readFromInput,
                               long bytes) implements Serializable {
}
