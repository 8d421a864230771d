package io.facetrain.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Spark's barrier execution mode ({@code RDD.barrier()}) for Java callers: {@link JavaRDD} does not expose it.
 * A barrier stage launches all its tasks together (one per partition, so the cluster needs at least that many
 * free task slots) and lets them synchronise through {@link org.apache.spark.BarrierTaskContext}.
 *
 * <p>What Spark 3.5 does when a task of a barrier stage fails (an exception, a kill, a lost executor): it
 * marks the stage attempt failed and kills its other tasks, interrupting their threads only when the job's
 * {@code spark.job.interruptOnCancel} property is true. A failed barrier <em>result</em> stage (the stage of
 * the action itself) is never retried: the job is aborted ("Could not recover from a failed barrier
 * ResultStage"). A failed barrier <em>shuffle-map</em> stage is resubmitted whole (every task again, as
 * stage attempt 1, 2, ...) up to {@code spark.stage.maxConsecutiveAttempts} (4) failed attempts; the new
 * attempt can only launch once every slot is free, i.e. once the killed tasks of the failed attempt have
 * returned. {@link #collectRetried} sets up both conditions.
 */
public final class BarrierStages {

    /** Spark's job property that makes killing a job's tasks also interrupt their threads. */
    static final String INTERRUPT_ON_CANCEL = "spark.job.interruptOnCancel";

    private BarrierStages() {
    }

    /**
     * Runs {@code function} over every partition of {@code rdd} as one barrier stage that Spark retries when
     * a task fails, and returns all results to the driver, in partition order as {@code collect()} would. The
     * barrier stage writes its results through a one-partition shuffle, so it is a shuffle-map stage (retried
     * whole, see above) rather than the job's result stage (never retried); the job interrupts the threads of
     * the tasks Spark kills, so that the surviving tasks of a failed attempt stop at once instead of holding
     * their slots.
     * A retried task sees its attempt in {@code BarrierTaskContext.get().stageAttemptNumber()}.
     *
     * @throws org.apache.spark.SparkException (unchecked here, as Spark throws it) when the stage failed
     *                                         more often than Spark retries it, or a task failed for good
     */
    public static <T, R> List<R> collectRetried(JavaRDD<T> rdd, FlatMapFunction<Iterator<T>, R> function) {
        JavaRDD<Tuple2<Integer, R>> tagged = mapPartitions(rdd, function)
                .mapPartitionsWithIndex(BarrierStages::tagWithPartition, true);
        org.apache.spark.SparkContext sc = rdd.context();
        String previous = sc.getLocalProperty(INTERRUPT_ON_CANCEL);
        sc.setLocalProperty(INTERRUPT_ON_CANCEL, "true");
        List<Tuple2<Integer, R>> results;
        try {
            results = tagged.repartition(1).collect();
        } finally {
            // Local properties belong to the calling thread and every job it submits later: leave it as it was.
            sc.setLocalProperty(INTERRUPT_ON_CANCEL, previous);
        }
        // The shuffle keeps each partition's order but not the order of the partitions: restore it (stable sort).
        List<Tuple2<Integer, R>> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparing(Tuple2::_1));
        List<R> values = new ArrayList<>(ordered.size());
        for (Tuple2<Integer, R> result : ordered) {
            values.add(result._2());
        }
        return values;
    }

    private static <R> Iterator<Tuple2<Integer, R>> tagWithPartition(int partition, Iterator<R> results) {
        List<Tuple2<Integer, R>> tagged = new ArrayList<>();
        results.forEachRemaining(result -> tagged.add(new Tuple2<>(partition, result)));
        return tagged.iterator();
    }

    /**
     * Runs {@code function} over every partition of {@code rdd} as one gang-scheduled barrier stage.
     * Inside the function, {@code BarrierTaskContext.get()} gives the task's barrier context. If the stage is
     * the job's result stage (an action such as {@code collect()} called right on it), a failed task fails the
     * job: use {@link #collectRetried} for a stage that Spark retries.
     *
     * @return the lazily evaluated result; nothing runs until an action is called on it
     */
    public static <T, R> JavaRDD<R> mapPartitions(JavaRDD<T> rdd, FlatMapFunction<Iterator<T>, R> function) {
        Objects.requireNonNull(rdd, "rdd");
        Objects.requireNonNull(function, "function");
        ClassTag<R> tag = anyRefTag();
        RDD<R> result = rdd.rdd().barrier().mapPartitions(new PartitionFunction<>(function), false, tag);
        return new JavaRDD<>(result, tag);
    }

    /** Java's generics are erased, so the element class tag is Object's, as in Spark's own Java API. */
    @SuppressWarnings("unchecked")
    private static <R> ClassTag<R> anyRefTag() {
        return (ClassTag<R>) (ClassTag<?>) ClassTag$.MODULE$.AnyRef();
    }

    /** Adapts a Java partition function to the Scala function the barrier RDD takes; shipped to executors. */
    private static final class PartitionFunction<T, R>
            extends AbstractFunction1<scala.collection.Iterator<T>, scala.collection.Iterator<R>>
            implements Serializable {

        private static final long serialVersionUID = 1L;

        private final FlatMapFunction<Iterator<T>, R> function;

        PartitionFunction(FlatMapFunction<Iterator<T>, R> function) {
            this.function = function;
        }

        @Override
        public scala.collection.Iterator<R> apply(scala.collection.Iterator<T> partition) {
            try {
                return JavaConverters.asScalaIterator(function.call(JavaConverters.asJavaIterator(partition)));
            } catch (RuntimeException e) {
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("barrier task interrupted", e);
            } catch (Exception e) {
                // FlatMapFunction declares Exception; the task fails with it as the cause either way.
                throw new IllegalStateException("barrier task failed: " + e, e);
            }
        }
    }
}
