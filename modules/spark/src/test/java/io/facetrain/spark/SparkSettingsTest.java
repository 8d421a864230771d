package io.facetrain.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.facetrain.core.config.ConfigLoader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkSettingsTest {

    @Test
    void bundledDefaultsRunLocallyOnLoopback() {
        SparkSettings settings = SparkSettings.fromConfig(ConfigLoader.defaults());

        assertEquals("local[*]", settings.master());
        assertEquals("facetrain", settings.appName());
        assertEquals("127.0.0.1", settings.properties().get("spark.driver.bindAddress"));
        assertEquals("false", settings.properties().get("spark.ui.enabled"));
    }

    @Test
    void quotedAndNestedPropertyKeysMeanTheSame() {
        Config config = ConfigFactory.parseString("facetrain.spark { master = \"local[2]\", app-name = x, conf {"
                + " \"spark.executor.memory\" = 2g, spark { hadoop.fs.s3a.endpoint = \"http://127.0.0.1:9000\" } } }");

        SparkSettings settings = SparkSettings.fromConfig(config);

        assertEquals(Map.of("spark.executor.memory", "2g", "spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000"),
                settings.properties());
    }

    @Test
    void sparkConfCarriesMasterNameAndProperties() {
        SparkSettings settings = SparkSettings.of("local[2]", "test-app", Map.of("spark.ui.enabled", "false"));
        SparkConf conf = SparkContexts.sparkConf(settings);

        assertEquals("local[2]", conf.get("spark.master"));
        assertEquals("test-app", conf.get("spark.app.name"));
        assertEquals("false", conf.get("spark.ui.enabled"));
    }

    @Test
    void hadoopPropertiesReachTheHadoopConfiguration() {
        Configuration hadoop = SparkContexts.hadoopConfiguration(SparkSettings.of("local", "x",
                Map.of("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000", "spark.ui.enabled", "false")));

        assertEquals("http://127.0.0.1:9000", hadoop.get("fs.s3a.endpoint"));
        assertEquals(null, hadoop.get("ui.enabled"));
    }

    @Test
    void invalidValuesAreNamed() {
        assertMessage("facetrain.spark.master must not be blank", () -> SparkSettings.of(" ", "x", Map.of()));
        assertMessage("facetrain.spark.app-name must not be blank", () -> SparkSettings.of("local", "", Map.of()));
        assertMessage("facetrain.spark.conf: 'executor.memory' is not a Spark property",
                () -> SparkSettings.of("local", "x", Map.of("executor.memory", "1g")));
        Config list = ConfigLoader.load(Optional.empty(), List.of("spark.conf.\"spark.jars\"=[a, b]"));
        assertMessage("facetrain.spark.conf.\"spark.jars\" must be a single value", () -> SparkSettings.fromConfig(list));
    }

    @Test
    void plainPathsAreLocalAndUrisAreKept() {
        Path local = HadoopPaths.of("relative/dir");
        assertEquals("file", local.toUri().getScheme());
        assertTrue(local.toUri().getPath().endsWith("/relative/dir"), local.toString());
        assertEquals("hdfs://namenode:8020/data", HadoopPaths.of("hdfs://namenode:8020/data").toString());
        assertEquals("s3a://bucket/faces", HadoopPaths.of("s3a://bucket/faces").toString());
        assertEquals("dir", HadoopPaths.of("/tmp/dir/").getName());
        assertTrue(HadoopPaths.isSameOrInside(new Path("file:/a/b/c"), new Path("file:/a/b")));
        assertTrue(HadoopPaths.isSameOrInside(new Path("file:/a/b"), new Path("file:/a/b")));
        assertFalse(HadoopPaths.isSameOrInside(new Path("file:/a/bc"), new Path("file:/a/b")));
    }

    private static void assertMessage(String start, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
