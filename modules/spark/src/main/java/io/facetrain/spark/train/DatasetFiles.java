package io.facetrain.spark.train;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shard files of an ingested dataset on any Hadoop file system (a local directory, {@code hdfs://},
 * {@code s3a://}): {@code <dataset>/shards/*.avro}, in file-name order, as the local loader
 * ({@link io.facetrain.core.data.FaceShards}) lists them.
 */
final class DatasetFiles {

    private DatasetFiles() {
    }

    /**
     * @param dataset the dataset directory, qualified
     * @return the shard files, qualified, in file-name order
     * @throws IllegalArgumentException when the directory is not an ingested dataset or holds no shard
     * @throws UncheckedIOException     when the file system cannot be read
     */
    static List<Path> shards(Path dataset, Configuration hadoop) {
        Path dir = new Path(dataset, "shards");
        try {
            FileSystem fs = dir.getFileSystem(hadoop);
            FileStatus[] listing;
            try {
                listing = fs.listStatus(dir);
            } catch (FileNotFoundException e) {
                throw new IllegalArgumentException("not an ingested dataset: " + dataset + " has no shards/ directory "
                        + "(run 'facetrain ingest' first)", e);
            }
            List<Path> files = new ArrayList<>();
            for (FileStatus status : listing) {
                String name = status.getPath().getName();
                if (status.isFile() && name.endsWith(".avro") && !name.startsWith(".")) {
                    files.add(fs.makeQualified(status.getPath()));
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("dataset " + dataset + " has no shard files in " + dir);
            }
            files.sort((a, b) -> a.getName().compareTo(b.getName()));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
