package io.facetrain.spark.testing;

import java.util.Map;

/**
 * A {@code local[N]} Spark context for the tests of one class: driver and tasks share the test JVM.
 * <pre>{@code
 * @RegisterExtension
 * static final LocalSpark SPARK = LocalSpark.threads(2);
 * }</pre>
 *
 * @see SparkFixture
 */
public final class LocalSpark extends SparkFixture {

    private final int threads;

    private LocalSpark(int threads, Map<String, String> extraProperties) {
        super(extraProperties);
        this.threads = threads;
    }

    /** {@code local[threads]}: that many tasks run at once, in this JVM. */
    public static LocalSpark threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return new LocalSpark(threads, Map.of());
    }

    /** The same fixture with one more Spark property (it wins over the fixture's own value). */
    public LocalSpark with(String key, String value) {
        return new LocalSpark(threads, plus(extraProperties(), key, value));
    }

    @Override
    public String master() {
        return "local[" + threads + "]";
    }

    @Override
    Map<String, String> masterProperties() {
        return Map.of();
    }
}
