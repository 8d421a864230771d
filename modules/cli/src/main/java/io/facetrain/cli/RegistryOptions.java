package io.facetrain.cli;

import com.typesafe.config.Config;
import io.facetrain.registry.ModelRegistry;
import io.facetrain.registry.RegistryConfig;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Clock;

/**
 * The registry a {@code facetrain models} subcommand works on: {@code --registry URI}, or else
 * {@code facetrain.registry.root} of the configuration. Mixed in with {@code @Mixin}.
 */
public final class RegistryOptions {

    @Option(names = "--registry", paramLabel = "URI",
            description = "Registry root: s3a://bucket/prefix, hdfs://..., file:///... or a local directory "
                    + "(default: facetrain.registry.root of the configuration).")
    private String registry;

    /** Opens the registry; its Hadoop/S3A settings come from the facetrain.registry section. */
    public ModelRegistry open(ConfigOptions config) throws IOException {
        return ModelRegistry.open(settings(config.load()), new Configuration(), Clock.systemUTC());
    }

    /** The registry's settings: the facetrain.registry section of {@code config}, with --registry as its root. */
    public RegistryConfig settings(Config config) {
        RegistryConfig settings = RegistryConfig.fromConfig(config);
        return registry == null ? settings : settings.withRoot(RegistryConfig.parseRoot(registry));
    }
}
