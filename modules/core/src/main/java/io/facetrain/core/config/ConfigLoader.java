package io.facetrain.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the effective facetrain configuration from the bundled defaults, an optional user file and
 * command-line overrides. The result is resolved and immutable; nothing global is read or changed
 * (no system properties, no environment), so two runs in one JVM cannot see each other's settings.
 */
public final class ConfigLoader {

    /** Root path of every facetrain key. */
    public static final String ROOT = "facetrain";

    private static final String DEFAULTS_RESOURCE = "io/facetrain/core/config/facetrain.conf";

    private ConfigLoader() {
    }

    /** The bundled defaults alone (conf/facetrain.conf as shipped). */
    public static Config defaults() {
        Config defaults = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), DEFAULTS_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
        return defaults.resolve(ConfigResolveOptions.noSystem());
    }

    /**
     * @param userFile  an optional HOCON file whose keys override the defaults
     * @param overrides {@code key=value} pairs (full paths such as {@code facetrain.spark.master=local[2]})
     *                  that override everything else; values are parsed as HOCON values
     * @return the resolved configuration
     * @throws IllegalArgumentException when the file is missing or malformed, an override is not of the
     *                                  form key=value, or names a key that does not exist
     */
    public static Config load(Optional<Path> userFile, List<String> overrides) {
        Objects.requireNonNull(userFile, "userFile");
        Objects.requireNonNull(overrides, "overrides");
        Config defaults = defaults();
        Config merged = defaults;
        if (userFile.isPresent()) {
            Path file = userFile.get();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("configuration file does not exist: " + file);
            }
            try {
                Config user = ConfigFactory.parseFile(file.toFile(),
                        ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
                merged = user.withFallback(merged);
            } catch (ConfigException e) {
                throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
            }
        }
        for (String override : overrides) {
            merged = applyOverride(merged, defaults, override);
        }
        try {
            return merged.resolve(ConfigResolveOptions.noSystem());
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }

    private static Config applyOverride(Config config, Config defaults, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("override must look like key=value, got: '" + override + "'");
        }
        String key = override.substring(0, eq).trim();
        String value = override.substring(eq + 1).trim();
        String path = key.startsWith(ROOT + ".") ? key : ROOT + "." + key;
        if (!defaults.hasPathOrNull(path) && !isUnderFreeFormSection(defaults, path)) {
            throw new IllegalArgumentException("unknown configuration key: " + path);
        }
        Config parsedValue;
        try {
            parsedValue = ConfigFactory.parseString("v = " + value);
        } catch (ConfigException e) {
            // Not a HOCON value (e.g. contains ':' or '['): take it as a plain string.
            return config.withValue(path, ConfigValueFactory.fromAnyRef(value));
        }
        return config.withValue(path, parsedValue.getValue("v"));
    }

    /** Sections whose keys are free-form pass-through maps (Spark or Hadoop properties). */
    private static boolean isUnderFreeFormSection(Config defaults, String path) {
        for (String section : List.of(".conf.", ".hadoop.")) {
            int at = path.indexOf(section);
            if (at > 0 && defaults.hasPath(path.substring(0, at + section.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
