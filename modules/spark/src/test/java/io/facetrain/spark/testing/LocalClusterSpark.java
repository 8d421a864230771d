package io.facetrain.spark.testing;

import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code local-cluster[workers,cores,memory]} Spark context for the tests of one class: a standalone master
 * and workers inside the test JVM, each worker starting one executor in its own JVM. This is the closest a
 * single machine gets to a cluster: closures, broadcasts and task results are serialised between JVMs, and
 * static state is not shared with the driver.
 * <pre>{@code
 * @RegisterExtension
 * static final LocalClusterSpark SPARK = LocalClusterSpark.standard();   // local-cluster[2,1,2048]
 * }</pre>
 * Executors get the test JVM's class path ({@code spark.executor.extraClassPath}), the JVM flags of
 * {@code conf/jvm-options} and {@code OMP_NUM_THREADS} = cores per worker. No Spark distribution is needed;
 * the {@code SPARK_HOME} environment variable (set by the build for failsafe) must name an empty or
 * fixture-made directory, see {@link SparkTestHome}. Executor stdout/stderr end up in
 * {@code $SPARK_HOME/work/<app>/<executor>/}. Needs {@code SPARK_LOCAL_IP=127.0.0.1} (also set by the build),
 * which is how Spark's master and workers pick their address. Starting takes a few seconds per executor:
 * use it in {@code *IT} tests.
 *
 * @see SparkFixture
 */
public final class LocalClusterSpark extends SparkFixture {

    private static final Logger LOG = LoggerFactory.getLogger(LocalClusterSpark.class);

    private static final Duration EXECUTOR_START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration EXECUTOR_EXIT_GRACE = Duration.ofSeconds(30);

    private final int workers;
    private final int coresPerWorker;
    private final int memoryPerWorkerMb;
    private final int executorMemoryMb;
    private ExecutorProcesses executorJvms;

    private LocalClusterSpark(int workers, int coresPerWorker, int memoryPerWorkerMb, int executorMemoryMb,
                              Map<String, String> extraProperties) {
        super(extraProperties);
        this.workers = workers;
        this.coresPerWorker = coresPerWorker;
        this.memoryPerWorkerMb = memoryPerWorkerMb;
        this.executorMemoryMb = executorMemoryMb;
    }

    /** {@code local-cluster[2,1,2048]}: two single-core executors with a 1 GB heap each. */
    public static LocalClusterSpark standard() {
        return of(2, 1, 2048);
    }

    /**
     * @param workers           executors (one per worker), >= 1
     * @param coresPerWorker    task slots per executor, >= 1
     * @param memoryPerWorkerMb memory a worker offers, >= 512; executors get a 1 GB heap unless
     *                          {@link #executorMemoryMb(int)} says otherwise
     */
    public static LocalClusterSpark of(int workers, int coresPerWorker, int memoryPerWorkerMb) {
        require(workers >= 1, "workers must be >= 1, got " + workers);
        require(coresPerWorker >= 1, "coresPerWorker must be >= 1, got " + coresPerWorker);
        require(memoryPerWorkerMb >= 512, "memoryPerWorkerMb must be >= 512, got " + memoryPerWorkerMb);
        return new LocalClusterSpark(workers, coresPerWorker, memoryPerWorkerMb, Math.min(1024, memoryPerWorkerMb),
                Map.of());
    }

    /** The same fixture with another executor heap, at most the worker's memory. */
    public LocalClusterSpark executorMemoryMb(int megabytes) {
        require(megabytes >= 256 && megabytes <= memoryPerWorkerMb,
                "executor memory must be 256.." + memoryPerWorkerMb + " MB (the worker's memory), got " + megabytes);
        return new LocalClusterSpark(workers, coresPerWorker, memoryPerWorkerMb, megabytes, extraProperties());
    }

    /** The same fixture with one more Spark property (it wins over the fixture's own value). */
    public LocalClusterSpark with(String key, String value) {
        return new LocalClusterSpark(workers, coresPerWorker, memoryPerWorkerMb, executorMemoryMb,
                plus(extraProperties(), key, value));
    }

    @Override
    public String master() {
        return "local-cluster[" + workers + "," + coresPerWorker + "," + memoryPerWorkerMb + "]";
    }

    /** Number of executors (one per worker). */
    public int executors() {
        return workers;
    }

    /** The executor JVMs of the running context (child processes of this JVM). */
    public List<ProcessHandle> executorProcesses() {
        if (executorJvms == null) {
            throw new IllegalStateException("no local-cluster context is running");
        }
        return executorJvms.started();
    }

    @Override
    void beforeStart() {
        requireLoopbackLocalIp(System.getenv("SPARK_LOCAL_IP"));
        SparkTestHome.prepare(System.getenv("SPARK_HOME"), scalaBinaryVersion());
        executorJvms = ExecutorProcesses.snapshot();
    }

    @Override
    Map<String, String> masterProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spark.executor.memory", executorMemoryMb + "m");
        properties.put("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        properties.put("spark.executor.extraJavaOptions",
                JvmOptions.ofRepository().asOptionString() + " -Djava.awt.headless=true");
        properties.put("spark.executorEnv.OMP_NUM_THREADS", Integer.toString(coresPerWorker));
        return properties;
    }

    /** Executors register with the driver after the context is created; tests expect all of them. */
    @Override
    void awaitReady(JavaSparkContext started) {
        long deadline = System.nanoTime() + EXECUTOR_START_TIMEOUT.toNanos();
        int registered = registeredExecutors(started);
        while (registered < workers && System.nanoTime() < deadline) {
            sleepBriefly();
            registered = registeredExecutors(started);
        }
        Path logs = Path.of(System.getenv("SPARK_HOME"), "work", started.sc().applicationId());
        if (registered < workers) {
            throw new IllegalStateException(registered + " of " + workers + " executors registered within "
                    + EXECUTOR_START_TIMEOUT.toSeconds() + " s; executor logs: " + logs);
        }
        LOG.info("{} ready: {} executors, logs in {}", master(), registered, logs);
    }

    @Override
    void afterStop() {
        if (executorJvms != null) {
            ExecutorProcesses stopping = executorJvms;
            executorJvms = null;
            stopping.awaitExit(EXECUTOR_EXIT_GRACE);
        }
    }

    /** The status tracker lists the driver too. */
    private static int registeredExecutors(JavaSparkContext context) {
        return context.sc().statusTracker().getExecutorInfos().length - 1;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for executors", e);
        }
    }

    /** e.g. 2.12, from the Scala library Spark runs on. */
    static String scalaBinaryVersion() {
        String[] parts = scala.util.Properties.versionNumberString().split("\\.");
        return parts[0] + "." + parts[1];
    }

    static void requireLoopbackLocalIp(String localIp) {
        String problem = "local-cluster needs SPARK_LOCAL_IP=127.0.0.1 in the environment (the build sets it for "
                + "surefire and failsafe); Spark's master and workers bind to it. Got: " + localIp;
        if (localIp == null || localIp.isBlank()) {
            throw new IllegalStateException(problem);
        }
        try {
            if (!InetAddress.getByName(localIp).isLoopbackAddress()) {
                throw new IllegalStateException(problem);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(problem, e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
