package io.facetrain.spark.testing;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the fixtures would start, checked without starting Spark. */
class SparkFixtureConfigTest {

    @Test
    void everyContextIsLoopbackWithoutUiWithSmallRpcMessagesAndItsOwnScratch(@TempDir Path scratch) {
        SparkConf conf = LocalSpark.threads(2).sparkConf("T", scratch);
        assertEquals("local[2]", conf.get("spark.master"));
        assertEquals("T", conf.get("spark.app.name"));
        assertEquals("false", conf.get("spark.ui.enabled"));
        assertEquals("127.0.0.1", conf.get("spark.driver.host"));
        assertEquals("127.0.0.1", conf.get("spark.driver.bindAddress"));
        assertEquals("1", conf.get("spark.rpc.message.maxSize"));
        assertEquals(scratch.resolve("local").toString(), conf.get("spark.local.dir"));
    }

    @Test
    void extraPropertiesWinOverTheFixturesOwn(@TempDir Path scratch) {
        SparkConf conf = LocalSpark.threads(1).with("spark.rpc.message.maxSize", "8").with("spark.x", "y")
                .sparkConf("T", scratch);
        assertEquals("8", conf.get("spark.rpc.message.maxSize"));
        assertEquals("y", conf.get("spark.x"));
    }

    @Test
    void localClusterExecutorsGetTheTestClassPathFlagsAndThreads() {
        LocalClusterSpark cluster = LocalClusterSpark.of(3, 2, 1536).executorMemoryMb(768);
        assertEquals("local-cluster[3,2,1536]", cluster.master());
        assertEquals(3, cluster.executors());
        Map<String, String> properties = cluster.masterProperties();
        assertEquals(System.getProperty("java.class.path"), properties.get("spark.executor.extraClassPath"));
        assertTrue(properties.get("spark.executor.extraJavaOptions").startsWith(JvmOptions.ofRepository().asOptionString()));
        assertEquals("768m", properties.get("spark.executor.memory"));
        assertEquals("2", properties.get("spark.executorEnv.OMP_NUM_THREADS"));
        assertEquals("local-cluster[2,1,2048]", LocalClusterSpark.standard().master());
    }

    @Test
    void impossibleShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LocalSpark.threads(0));
        assertThrows(IllegalArgumentException.class, () -> LocalClusterSpark.of(0, 1, 2048));
        assertThrows(IllegalArgumentException.class, () -> LocalClusterSpark.of(2, 0, 2048));
        assertThrows(IllegalArgumentException.class, () -> LocalClusterSpark.of(2, 1, 256));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalClusterSpark.of(2, 1, 1024).executorMemoryMb(2048));
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void onlyALoopbackLocalIpIsAccepted() {
        LocalClusterSpark.requireLoopbackLocalIp("127.0.0.1");
        LocalClusterSpark.requireLoopbackLocalIp("::1");
        assertThrows(IllegalStateException.class, () -> LocalClusterSpark.requireLoopbackLocalIp(null));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LocalClusterSpark.requireLoopbackLocalIp("10.1.2.3"));
        assertTrue(e.getMessage().contains("SPARK_LOCAL_IP"), e.getMessage());
    }

    @Test
    void scalaVersionIsSparksBinaryVersion() {
        assertEquals("2.12", LocalClusterSpark.scalaBinaryVersion());
    }

    @Test
    void theContextIsOnlyAvailableWhileTheClassRuns() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalSpark.threads(2).context());
        assertTrue(e.getMessage().contains("@RegisterExtension"), e.getMessage());
    }
}
