package io.facetrain.cli;

import com.typesafe.config.Config;
import io.facetrain.core.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configuration options every job subcommand shares: a HOCON file and key=value overrides.
 * Mixed into subcommands with {@code @Mixin}.
 */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "HOCON file overriding conf/facetrain.conf (the bundled defaults).")
    private Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key, e.g. --set spark.master=local[2]. Repeatable.")
    private List<String> overrides = new ArrayList<>();

    /** The effective configuration; throws IllegalArgumentException naming any bad key or file. */
    public Config load() {
        return ConfigLoader.load(Optional.ofNullable(configFile), overrides);
    }

    /** The same, with extra overrides that a subcommand derives from its own options. */
    public Config load(List<String> extraOverrides) {
        List<String> all = new ArrayList<>(extraOverrides);
        all.addAll(overrides);
        return ConfigLoader.load(Optional.ofNullable(configFile), all);
    }
}
