package io.facetrain.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

import java.util.Map;

/**
 * Creates Spark contexts from {@link SparkSettings}. Values that spark-submit (or spark-defaults.conf)
 * already set win over facetrain's configuration: under spark-submit the cluster's master and its
 * network settings must not be replaced by local defaults.
 */
public final class SparkContexts {

    private static final String HADOOP_PREFIX = "spark.hadoop.";

    private SparkContexts() {
    }

    /** A new context; the caller owns it and must close it. */
    public static JavaSparkContext create(SparkSettings settings) {
        return new JavaSparkContext(sparkConf(settings));
    }

    /** The Spark configuration the context would be created with (spark-submit's values kept). */
    public static SparkConf sparkConf(SparkSettings settings) {
        SparkConf conf = new SparkConf();
        conf.setIfMissing("spark.master", settings.master());
        conf.setIfMissing("spark.app.name", settings.appName());
        for (Map.Entry<String, String> property : settings.properties().entrySet()) {
            conf.setIfMissing(property.getKey(), property.getValue());
        }
        return conf;
    }

    /**
     * The Hadoop configuration jobs use for their file systems before a Spark context exists (to validate
     * paths, read a dataset's index): Hadoop's defaults plus every {@code spark.hadoop.*} property of the
     * Spark configuration the context would get (spark-submit's {@code --conf} values included), as Spark
     * itself would apply them.
     */
    public static Configuration hadoopConfiguration(SparkSettings settings) {
        Configuration hadoop = new Configuration();
        for (Tuple2<String, String> property : sparkConf(settings).getAll()) {
            if (property._1().startsWith(HADOOP_PREFIX)) {
                hadoop.set(property._1().substring(HADOOP_PREFIX.length()), property._2());
            }
        }
        return hadoop;
    }
}
