package io.facetrain.spark;

import io.facetrain.spark.testing.LocalSpark;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BarrierStages#collectRetried} in {@code local[3]}: a task that throws in the first stage attempt makes
 * Spark run the whole stage again (plain {@code local[N]} suffices); the surviving tasks of the failed attempt
 * are interrupted out of their wait at once; the results come back in partition order; the job property it
 * sets does not outlive the call. A barrier stage collected directly is not retried.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BarrierStagesRetryIT {

    @RegisterExtension
    static final LocalSpark SPARK = LocalSpark.threads(3);

    /** How long a surviving task of the failed attempt would wait if nothing interrupted it. */
    private static final long SURVIVOR_WAIT_MS = 60_000;

    @Test
    void aFailedAttemptIsRetriedWholeAndItsSurvivorsAreInterrupted(JavaSparkContext sc) {
        long start = System.nanoTime();
        List<String> results = BarrierStages.collectRetried(sc.parallelize(List.of(0, 1, 2), 3),
                BarrierStagesRetryIT::failOnceInPartitionOne);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(List.of("p0 attempt 1 (a)", "p0 attempt 1 (b)", "p1 attempt 1 (a)", "p1 attempt 1 (b)",
                "p2 attempt 1 (a)", "p2 attempt 1 (b)"), results, "every partition of the retried attempt, in order");
        assertTrue(seconds < SURVIVOR_WAIT_MS / 2000.0, "the survivors of attempt 0 were interrupted: " + seconds + " s");
        assertNull(sc.getLocalProperty(BarrierStages.INTERRUPT_ON_CANCEL), "the job property is restored");
    }

    @Test
    void aBarrierResultStageIsNotRetried(JavaSparkContext sc) {
        Exception failure = assertThrows(Exception.class, () -> BarrierStages.mapPartitions(
                sc.parallelize(List.of(0, 1, 2), 3), BarrierStagesRetryIT::failInPartitionOneUntilKilled).collect());
        assertTrue(failure.getMessage().contains("Could not recover from a failed barrier ResultStage"),
                failure.getMessage());
    }

    /** Without the job property the survivors are only marked killed: these ones notice it and end. */
    private static Iterator<String> failInPartitionOneUntilKilled(Iterator<Integer> ignored)
            throws InterruptedException {
        BarrierTaskContext context = BarrierTaskContext.get();
        if (context.partitionId() == 1) {
            throw new IllegalStateException("failure injected into partition 1");
        }
        long deadline = System.currentTimeMillis() + SURVIVOR_WAIT_MS;
        while (!context.isInterrupted() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return List.of("p" + context.partitionId()).iterator();
    }

    /** The survivors of attempt 0 sleep: only an interrupt ends their wait early. */
    private static Iterator<String> failOnceInPartitionOne(Iterator<Integer> ignored) throws InterruptedException {
        BarrierTaskContext context = BarrierTaskContext.get();
        int attempt = context.stageAttemptNumber();
        if (attempt == 0) {
            if (context.partitionId() == 1) {
                throw new IllegalStateException("failure injected into partition 1");
            }
            Thread.sleep(SURVIVOR_WAIT_MS);
        }
        List<String> out = new ArrayList<>();
        out.add("p" + context.partitionId() + " attempt " + attempt + " (a)");
        out.add("p" + context.partitionId() + " attempt " + attempt + " (b)");
        return out.iterator();
    }
}
