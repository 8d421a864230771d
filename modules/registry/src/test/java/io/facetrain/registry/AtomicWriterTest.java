package io.facetrain.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AtomicWriterTest {

    @TempDir
    Path tmp;

    /** A reader polling the file while it is replaced sees one whole content or the other. */
    @Test
    void readersNeverSeeAPartlyReplacedFile() throws Exception {
        byte[] small = new byte[1024];
        byte[] large = new byte[128 * 1024];
        Arrays.fill(small, (byte) 'a');
        Arrays.fill(large, (byte) 'b');
        try (RegistryStore store = RegistryStore.open(tmp.toUri(), new Configuration())) {
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(tmp.toUri().toString(),
                    "alias.json");
            store.writeAtomically(target, small);
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> reads = pool.submit(() -> {
                    int count = 0;
                    while (writing.get()) {
                        byte[] seen = store.readSmall(target);
                        assertTrue(Arrays.equals(seen, small) || Arrays.equals(seen, large),
                                "read " + seen.length + " bytes that are neither version");
                        count++;
                    }
                    return count;
                });
                for (int i = 0; i < 120; i++) {
                    store.writeAtomically(target, i % 2 == 0 ? large : small);
                }
                writing.set(false);
                assertTrue(reads.get(30, TimeUnit.SECONDS) > 0);
            } finally {
                pool.shutdownNow();
            }
            assertArrayEquals(small, store.readSmall(target));
            try (var entries = Files.list(tmp)) {
                assertEquals(1, entries.count(), "no temporary files are left behind");
            }
        }
    }
}
