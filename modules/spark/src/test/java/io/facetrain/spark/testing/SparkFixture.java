package io.facetrain.spark.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Spark context shared by the tests of one class (JUnit 5 extension): started before the first test, stopped
 * after the last, its scratch directory ({@code spark.local.dir}) deleted. Register a subclass as a
 * <em>static</em> field, then take the context as a test parameter or from {@link #context()}:
 * <pre>{@code
 * @RegisterExtension
 * static final LocalSpark SPARK = LocalSpark.threads(2);
 *
 * @Test
 * void counts(JavaSparkContext sc) { ... }
 * }</pre>
 * Every context has the UI off, binds the driver to 127.0.0.1, and (as Spark's own test contexts) limits RPC
 * messages to 1 MB, so that a task carrying more than that (typically {@code parallelize()}d data that should
 * have been a broadcast) fails under local-cluster instead of passing unnoticed. Spark allows one context per JVM: test classes that use a fixture must not run concurrently
 * (JUnit runs classes one after another unless told otherwise).
 */
public abstract class SparkFixture implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    static final String LOOPBACK = "127.0.0.1";

    private final Map<String, String> extraProperties;
    private JavaSparkContext context;
    private Path scratch;

    SparkFixture(Map<String, String> extraProperties) {
        this.extraProperties = Map.copyOf(extraProperties);
    }

    /** The Spark master URL this fixture starts, e.g. {@code local[2]}. */
    public abstract String master();

    /** Called before the context starts: checks and prepares what the master needs. */
    void beforeStart() {
    }

    /** Spark properties specific to the master. */
    abstract Map<String, String> masterProperties();

    /** Called once the context exists, before the first test. */
    void awaitReady(JavaSparkContext started) {
    }

    /** Called after the context has stopped, before the scratch directory is deleted. */
    void afterStop() {
    }

    /** The running context; only between the class's first and last test. */
    public JavaSparkContext context() {
        if (context == null) {
            throw new IllegalStateException("no Spark context: register " + getClass().getSimpleName()
                    + " in a static @RegisterExtension field; the context exists from before the first test "
                    + "of the class until after its last");
        }
        return context;
    }

    /** The Spark properties of a new context whose scratch space is {@code scratchDir}. */
    final SparkConf sparkConf(String appName, Path scratchDir) {
        // false: spark.* system properties of the test JVM must not change what the fixture starts
        SparkConf conf = new SparkConf(false);
        conf.setMaster(master());
        conf.setAppName(appName);
        conf.set("spark.ui.enabled", "false");
        conf.set("spark.ui.showConsoleProgress", "false");
        conf.set("spark.driver.host", LOOPBACK);
        conf.set("spark.driver.bindAddress", LOOPBACK);
        conf.set("spark.rpc.message.maxSize", "1");
        conf.set("spark.local.dir", scratchDir.resolve("local").toString());
        masterProperties().forEach(conf::set);
        extraProperties.forEach(conf::set);
        return conf;
    }

    @Override
    public void beforeAll(ExtensionContext extensionContext) throws IOException {
        if (context != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is already running a context; "
                    + "register one fixture per test class");
        }
        scratch = Files.createTempDirectory("facetrain-spark-");
        try {
            beforeStart();
            forgetCachedLocalDirs();
            context = new JavaSparkContext(sparkConf(extensionContext.getRequiredTestClass().getSimpleName(), scratch));
            awaitReady(context);
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext extensionContext) throws IOException {
        stop();
    }

    private void stop() throws IOException {
        try {
            if (context != null) {
                context.stop();
            }
        } finally {
            context = null;
            forgetCachedLocalDirs();
            try {
                afterStop();
            } finally {
                if (scratch != null) {
                    Path dir = scratch;
                    scratch = null;
                    deleteTree(dir);
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extensionContext) {
        Class<?> type = parameter.getParameter().getType();
        return type == JavaSparkContext.class || type == SparkContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extensionContext) {
        return parameter.getParameter().getType() == SparkContext.class ? context().sc() : context();
    }

    /**
     * Spark resolves spark.local.dir once per JVM and caches it; a later context in the same test JVM would
     * otherwise write into the previous fixture's deleted scratch directory. Spark's own test suites clear the
     * cache the same way (the method is internal to Spark, hence the Scala object access).
     */
    private static void forgetCachedLocalDirs() {
        org.apache.spark.util.Utils$.MODULE$.clearLocalRootDirs();
    }

    static Map<String, String> plus(Map<String, String> properties, String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<String, String> copy = new LinkedHashMap<>(properties);
        copy.put(key, value);
        return copy;
    }

    Map<String, String> extraProperties() {
        return extraProperties;
    }

    /** Deletes a directory tree; files that disappear meanwhile (Spark's own clean-up) are not an error. */
    static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null && !(failure instanceof NoSuchFileException)) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
