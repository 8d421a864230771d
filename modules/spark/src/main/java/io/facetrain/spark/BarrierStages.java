package io.facetrain.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Objects;

/**
 * Spark's barrier execution mode ({@code RDD.barrier()}) for Java callers: {@link JavaRDD} does not expose it.
 * A barrier stage launches all its tasks together (one per partition, so the cluster needs at least that many
 * free task slots) and lets them synchronise through {@link org.apache.spark.BarrierTaskContext}; if one task
 * fails, Spark retries the whole stage.
 */
public final class BarrierStages {

    private BarrierStages() {
    }

    /**
     * Runs {@code function} over every partition of {@code rdd} as one gang-scheduled barrier stage.
     * Inside the function, {@code BarrierTaskContext.get()} gives the task's barrier context.
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
