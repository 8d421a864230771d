package io.facetrain.spark.train;

import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.spark.SerializableHadoopConfiguration;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The training images of a run on the executors: one partition per worker holding exactly the persons the
 * {@link PersonAssignment} gives that worker (every image of a person in one partition), decoded and
 * cropped once, and kept ({@code MEMORY_AND_DISK}) until {@link #close()}. Executors read the shard files
 * themselves through the Hadoop file system API (HDFS, S3A, or a local path every executor sees), with the
 * Spark context's Hadoop configuration.
 */
public final class PartitionedFaces implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionedFaces.class);

    private final JavaRDD<CachedFace> faces;
    private final Broadcast<PersonAssignment> assignment;

    private PartitionedFaces(JavaRDD<CachedFace> faces, Broadcast<PersonAssignment> assignment) {
        this.faces = faces;
        this.assignment = assignment;
    }

    /**
     * Loads and caches the images, then checks that every worker's partition holds exactly its images.
     *
     * @param shards     the dataset's shard files (Hadoop paths the executors read with the context's Hadoop
     *                   configuration)
     * @param assignment the training persons' workers
     * @param settings   the preprocessing (in the training section) the executors crop with
     */
    public static PartitionedFaces load(JavaSparkContext sc, List<String> shards, PersonAssignment assignment,
                                        WorkerSettings settings) {
        Objects.requireNonNull(assignment, "assignment");
        long started = System.nanoTime();
        Broadcast<PersonAssignment> shared = sc.broadcast(assignment);
        SerializableHadoopConfiguration hadoop = new SerializableHadoopConfiguration(sc.hadoopConfiguration());
        List<String> files = List.copyOf(shards);
        int workers = assignment.workers();
        JavaRDD<CachedFace> faces = sc.parallelize(files, files.size())
                .flatMapToPair(file -> keyedByWorker(file, shared.value(), settings.training().preprocess(),
                        hadoop.get()))
                .partitionBy(new WorkerPartitioner(workers))
                .values()
                .persist(StorageLevel.MEMORY_AND_DISK());
        PartitionedFaces loaded = new PartitionedFaces(faces, shared);
        try {
            loaded.checkCounts(assignment);
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
        LOG.info("cached {} training images on {} worker partitions in {} s ({})", assignment.totalImages(), workers,
                String.format("%.1f", (System.nanoTime() - started) / 1e9), assignment);
        return loaded;
    }

    private static Iterator<Tuple2<Integer, CachedFace>> keyedByWorker(String file, PersonAssignment assignment,
                                                                       PreprocessConfig preprocess, Configuration hadoop) {
        List<Tuple2<Integer, CachedFace>> keyed = new ArrayList<>();
        for (CachedFace face : new ShardDecoder(preprocess, hadoop).read(file, p -> assignment.workerOf(p) >= 0)) {
            keyed.add(new Tuple2<>(assignment.workerOf(face.personId()), face));
        }
        return keyed.iterator();
    }

    /** Materialises the cache and compares each partition's images with the assignment. */
    private void checkCounts(PersonAssignment expected) {
        List<Tuple2<Integer, Integer>> counts = faces.mapPartitionsWithIndex((partition, it) -> {
            int n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return List.of(new Tuple2<>(partition, n)).iterator();
        }, false).collect();
        for (Tuple2<Integer, Integer> c : counts) {
            if (c._2() != expected.images(c._1())) {
                throw new IllegalStateException("worker partition " + c._1() + " holds " + c._2() + " images but "
                        + expected.images(c._1()) + " were assigned to it: the shards changed while the run started");
            }
        }
    }

    /** One partition per worker, partition {@code w} for worker {@code w}. */
    public JavaRDD<CachedFace> rdd() {
        return faces;
    }

    /** Drops the cached images and the shared assignment. */
    @Override
    public void close() {
        faces.unpersist(false);
        assignment.destroy();
    }
}
