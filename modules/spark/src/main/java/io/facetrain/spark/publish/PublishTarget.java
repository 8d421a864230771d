package io.facetrain.spark.publish;

import io.facetrain.registry.ModelRegistry;
import io.facetrain.registry.RegistryConfig;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;

/**
 * Where a training run publishes its model: a registry and a model name.
 *
 * @param registry the registry's root and Hadoop settings
 * @param model    the model's name in the registry
 */
public record PublishTarget(RegistryConfig registry, String model) {

    public PublishTarget {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(model, "model");
    }

    /**
     * Opens the registry and reads the model's versions, so that a run whose registry is unreachable,
     * unreadable or whose model name is invalid stops before any training: a run must not spend hours
     * to fail at its last step.
     *
     * @throws IllegalArgumentException naming the model when its name is invalid
     * @throws UncheckedIOException     naming the registry when it cannot be read
     */
    public ModelRegistry openChecked(Configuration hadoop) {
        ModelRegistry registry;
        try {
            registry = ModelRegistry.open(this.registry, hadoop, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the model registry " + this.registry.root() + ": "
                    + e.getMessage(), e);
        }
        try {
            registry.list(model);
            return registry;
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException("the model registry " + registry.root()
                    + " is not readable: " + e.getMessage(), e);
            closeAfterFailure(registry, failure);
            throw failure;
        } catch (RuntimeException e) {
            closeAfterFailure(registry, e);
            throw e;
        }
    }

    private static void closeAfterFailure(ModelRegistry registry, Exception failure) {
        try {
            registry.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
