package io.facetrain.spark.ingest;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardAssignerTest {

    /**
     * Pinned values: a change here would move persons of every existing dataset to other shards, and
     * incremental ingest would then split them. If this fails, the assignment function changed.
     */
    @Test
    void assignmentIsStableAcrossReleases() {
        assertEquals(0, ShardAssigner.shardOf("George_W_Bush", 16));
        assertEquals(8, ShardAssigner.shardOf("Colin_Powell", 16));
        assertEquals(7, ShardAssigner.shardOf("s1", 16));
        assertEquals(4, ShardAssigner.shardOf("s40", 16));
        assertEquals(15, ShardAssigner.shardOf("synth_00001", 16));
    }

    /** The documented rule, computed independently: first 64 bits of SHA-256, unsigned, mod N. */
    @Test
    void assignmentFollowsTheDocumentedRule() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int person = 0; person < 500; person++) {
            String id = "Person_" + person + "_é";
            byte[] first8 = Arrays.copyOf(sha.digest(id.getBytes(StandardCharsets.UTF_8)), 8);
            for (int shards : new int[] {1, 3, 16, 1000}) {
                int expected = new BigInteger(1, first8).mod(BigInteger.valueOf(shards)).intValueExact();
                assertEquals(expected, ShardAssigner.shardOf(id, shards), id + " over " + shards);
            }
        }
    }

    @Test
    void personsSpreadOverAllShards() {
        int shards = 8;
        int[] counts = new int[shards];
        for (int person = 0; person < 8_000; person++) {
            counts[ShardAssigner.shardOf("Person_" + person, shards)]++;
        }
        for (int count : counts) {
            assertTrue(count > 850 && count < 1150, "unbalanced shard: " + count + " of 8000 over 8 shards");
        }
    }

    @Test
    void shardCountMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> ShardAssigner.shardOf("x", 0));
    }

    @Test
    void partitionerSendsEachKeyToItsShard() {
        ShardPartitioner partitioner = new ShardPartitioner(5);
        assertEquals(5, partitioner.numPartitions());
        for (int shard = 0; shard < 5; shard++) {
            assertEquals(shard, partitioner.getPartition(new ShardKey(shard, "p", "p/1.jpg")));
        }
        assertThrows(IllegalArgumentException.class, () -> partitioner.getPartition(new ShardKey(5, "p", "p/1.jpg")));
        assertEquals(new ShardPartitioner(5), partitioner);
        assertTrue(!new ShardPartitioner(4).equals(partitioner));
    }
}
