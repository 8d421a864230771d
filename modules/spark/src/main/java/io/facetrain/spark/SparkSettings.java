package io.facetrain.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code facetrain.spark} section: where Spark runs and which Spark properties are passed through.
 * Validated on construction, so a bad value stops a command before any Spark context starts.
 */
public final class SparkSettings {

    /** Path of the section in the facetrain configuration. */
    public static final String SECTION = "facetrain.spark";

    private final String master;
    private final String appName;
    private final Map<String, String> properties;

    private SparkSettings(String master, String appName, Map<String, String> properties) {
        this.master = master;
        this.appName = appName;
        this.properties = properties;
    }

    /**
     * @param master     Spark master URL, e.g. {@code local[*]}
     * @param appName    application name shown in Spark's UI and logs
     * @param properties Spark properties passed through unchanged ({@code spark.*} keys)
     */
    public static SparkSettings of(String master, String appName, Map<String, String> properties) {
        requireText(master, SECTION + ".master");
        requireText(appName, SECTION + ".app-name");
        Objects.requireNonNull(properties, "properties");
        Map<String, String> copy = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (!key.startsWith("spark.")) {
                throw new IllegalArgumentException(SECTION + ".conf: '" + key
                        + "' is not a Spark property (Spark properties start with 'spark.')");
            }
            copy.put(key, Objects.requireNonNull(value, key));
        });
        return new SparkSettings(master.trim(), appName.trim(), Collections.unmodifiableMap(copy));
    }

    /** Reads {@code facetrain.spark} from a resolved facetrain configuration. */
    public static SparkSettings fromConfig(Config config) {
        try {
            Config section = config.getConfig(SECTION);
            Map<String, String> properties = new TreeMap<>();
            flatten("", section.getObject("conf"), properties);
            return of(section.getString("master"), section.getString("app-name"), properties);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid " + SECTION + " configuration: " + e.getMessage(), e);
        }
    }

    public String master() {
        return master;
    }

    public String appName() {
        return appName;
    }

    /** Spark properties to pass through, sorted by key. */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * Quoted keys ({@code "spark.ui.enabled" = false}) arrive as one key; unquoted ones
     * ({@code spark.ui.enabled = false}) arrive as nested objects: both mean the same property.
     */
    private static void flatten(String prefix, ConfigObject object, Map<String, String> into) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            ConfigValue value = entry.getValue();
            if (value.valueType() == ConfigValueType.OBJECT) {
                flatten(key, (ConfigObject) value, into);
            } else if (value.valueType() == ConfigValueType.LIST || value.valueType() == ConfigValueType.NULL) {
                throw new IllegalArgumentException(SECTION + ".conf.\"" + key + "\" must be a single value, got "
                        + value.render());
            } else {
                into.put(key, String.valueOf(value.unwrapped()));
            }
        }
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
    }

    @Override
    public String toString() {
        return "SparkSettings{master=" + master + ", appName=" + appName + ", properties=" + properties + "}";
    }
}
