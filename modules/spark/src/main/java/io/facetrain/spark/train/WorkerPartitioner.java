package io.facetrain.spark.train;

import org.apache.spark.Partitioner;

/** Sends a record keyed by its worker index to that worker's partition: partition {@code w} is worker {@code w}. */
final class WorkerPartitioner extends Partitioner {

    private static final long serialVersionUID = 1L;

    private final int workers;

    WorkerPartitioner(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        this.workers = workers;
    }

    @Override
    public int numPartitions() {
        return workers;
    }

    @Override
    public int getPartition(Object key) {
        int w = (Integer) key;
        if (w < 0 || w >= workers) {
            throw new IllegalArgumentException("worker " + w + " is outside [0, " + workers + ")");
        }
        return w;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WorkerPartitioner that && that.workers == workers;
    }

    @Override
    public int hashCode() {
        return workers;
    }
}
