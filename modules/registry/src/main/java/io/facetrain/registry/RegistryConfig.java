package io.facetrain.registry;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * Settings of a model registry, the {@code facetrain.registry} section of
 * {@code conf/facetrain.conf}. Immutable; validated in {@link Builder#build()}.
 */
public final class RegistryConfig {

    /** HOCON path of the section {@link #fromConfig} reads. */
    public static final String SECTION = "facetrain.registry";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final Duration DEFAULT_ABANDONED_AFTER = Duration.ofHours(24);
    public static final int DEFAULT_CLAIM_ATTEMPTS = 8;

    private final URI root;
    private final Duration retention;
    private final Duration abandonedAfter;
    private final int claimAttempts;
    private final Map<String, String> hadoop;

    private RegistryConfig(Builder b) {
        this.root = b.root;
        this.retention = b.retention;
        this.abandonedAfter = b.abandonedAfter;
        this.claimAttempts = b.claimAttempts;
        this.hadoop = Collections.unmodifiableMap(new TreeMap<>(b.hadoop));
    }

    /** A builder for a registry at {@code root} (see {@link #parseRoot} for accepted forms). */
    public static Builder builder(URI root) {
        return new Builder(root);
    }

    /**
     * Maps the {@code facetrain.registry} section. {@code config} may be the whole configuration
     * (it has a {@code facetrain.registry} path) or the section itself. Keys:
     * {@code root} (required), {@code retention}, {@code abandoned-after}, {@code claim-attempts},
     * {@code hadoop} (an object of Hadoop settings, such as {@code "fs.s3a.endpoint"}).
     */
    public static RegistryConfig fromConfig(Config config) {
        Config section = config.hasPath(SECTION) ? config.getConfig(SECTION) : config;
        if (!section.hasPath("root")) {
            throw new IllegalArgumentException(SECTION + ".root is missing: set it to the registry URI"
                    + " (file:///..., hdfs://..., s3a://bucket/prefix)");
        }
        Builder builder = builder(parseRoot(string(section, "root")));
        if (section.hasPath("retention")) {
            builder.retention(duration(section, "retention"));
        }
        if (section.hasPath("abandoned-after")) {
            builder.abandonedAfter(duration(section, "abandoned-after"));
        }
        if (section.hasPath("claim-attempts")) {
            try {
                builder.claimAttempts(section.getInt("claim-attempts"));
            } catch (ConfigException e) {
                throw new IllegalArgumentException(SECTION + ".claim-attempts: "
                        + section.getValue("claim-attempts").unwrapped() + " is not an integer", e);
            }
        }
        if (section.hasPath("hadoop")) {
            Config hadoopSection;
            try {
                hadoopSection = section.getConfig("hadoop");
            } catch (ConfigException e) {
                throw new IllegalArgumentException(SECTION + ".hadoop must be an object of Hadoop"
                        + " settings, such as { \"fs.s3a.endpoint\" = \"http://127.0.0.1:9000\" }", e);
            }
            for (Map.Entry<String, ConfigValue> entry : hadoopSection.entrySet()) {
                // Quoted ("fs.s3a.endpoint") and nested (fs.s3a.endpoint) keys both become one name.
                String key = String.join(".", ConfigUtil.splitPath(entry.getKey()));
                builder.hadoop(key, String.valueOf(entry.getValue().unwrapped()));
            }
        }
        return builder.build();
    }

    /**
     * Parses a registry root: a URI with a scheme ({@code s3a://bucket/models},
     * {@code hdfs://namenode/models}, {@code file:///srv/models}) or a local path
     * ({@code /srv/models}, {@code models}), which becomes an absolute {@code file:} URI.
     */
    public static URI parseRoot(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("registry root is empty: give a URI such as"
                    + " s3a://bucket/models or a local directory");
        }
        String trimmed = text.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("registry root '" + text + "' is not a valid URI: "
                    + e.getReason(), e);
        }
        if (uri.getScheme() == null || uri.getScheme().length() == 1) {
            // No scheme (or a Windows drive letter): a local path.
            return Path.of(trimmed).toAbsolutePath().normalize().toUri();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("s3") || scheme.equals("s3n")) {
            throw new IllegalArgumentException("registry root '" + text + "': use the s3a:// scheme"
                    + " (Hadoop's S3A connector); s3:// and s3n:// are not supported");
        }
        if (!scheme.equals("file") && (uri.getAuthority() == null || uri.getAuthority().isEmpty())) {
            throw new IllegalArgumentException("registry root '" + text + "' has no bucket or host:"
                    + " write it as " + scheme + "://<bucket-or-host>/<path>");
        }
        return uri;
    }

    /** Parses a duration as HOCON does: {@code 30d}, {@code 12h}, {@code 90 minutes}, {@code 0}. */
    public static Duration parseDuration(String text, String key) {
        try {
            Duration duration = ConfigFactory.parseMap(Map.of("value", text)).getDuration("value");
            if (duration.isNegative()) {
                throw new IllegalArgumentException(key + " '" + text + "' is negative");
            }
            return duration;
        } catch (ConfigException e) {
            throw new IllegalArgumentException(key + " '" + text + "' is not a duration (examples: 30d,"
                    + " 12h, 90m)", e);
        }
    }

    /** The same settings for the registry at {@code newRoot} (e.g. a command's --registry). */
    public RegistryConfig withRoot(URI newRoot) {
        Builder builder = builder(parseRoot(newRoot.toString()))
                .retention(retention)
                .abandonedAfter(abandonedAfter)
                .claimAttempts(claimAttempts);
        hadoop.forEach(builder::hadoop);
        return builder.build();
    }

    /** The registry root URI. */
    public URI root() {
        return root;
    }

    /** gc keeps committed versions younger than this even when no alias names them. */
    public Duration retention() {
        return retention;
    }

    /** gc removes leftovers of failed publishes that have not changed for this long. */
    public Duration abandonedAfter() {
        return abandonedAfter;
    }

    /** How many times a publisher tries to claim a version number under contention. */
    public int claimAttempts() {
        return claimAttempts;
    }

    /** Hadoop settings (S3A endpoint, credentials...) applied to the registry's file system. */
    public Map<String, String> hadoop() {
        return hadoop;
    }

    /** The gc policy these settings describe. */
    public GcPolicy gcPolicy() {
        return new GcPolicy(retention, abandonedAfter, false);
    }

    /** A copy of {@code base} with this configuration's Hadoop settings applied on top. */
    public Configuration hadoopConfiguration(Configuration base) {
        Configuration conf = new Configuration(base);
        hadoop.forEach(conf::set);
        return conf;
    }

    private static String string(Config section, String key) {
        try {
            return section.getString(key);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(SECTION + "." + key + " must be a string", e);
        }
    }

    private static Duration duration(Config section, String key) {
        try {
            return section.getDuration(key);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(SECTION + "." + key + ": '"
                    + section.getValue(key).unwrapped() + "' is not a duration (examples: 30d, 12h)", e);
        }
    }

    /** Collects the settings; {@link #build()} validates them. */
    public static final class Builder {
        private final URI root;
        private Duration retention = DEFAULT_RETENTION;
        private Duration abandonedAfter = DEFAULT_ABANDONED_AFTER;
        private int claimAttempts = DEFAULT_CLAIM_ATTEMPTS;
        private final Map<String, String> hadoop = new TreeMap<>();

        private Builder(URI root) {
            this.root = root;
        }

        public Builder retention(Duration value) {
            this.retention = value;
            return this;
        }

        public Builder abandonedAfter(Duration value) {
            this.abandonedAfter = value;
            return this;
        }

        public Builder claimAttempts(int value) {
            this.claimAttempts = value;
            return this;
        }

        /** Adds one Hadoop setting, e.g. {@code fs.s3a.endpoint}. */
        public Builder hadoop(String key, String value) {
            this.hadoop.put(key, value);
            return this;
        }

        public RegistryConfig build() {
            if (root == null) {
                throw new IllegalArgumentException(SECTION + ".root is missing");
            }
            parseRoot(root.toString());
            if (retention == null || retention.isNegative()) {
                throw new IllegalArgumentException(SECTION + ".retention " + retention
                        + " is invalid: it must be zero or positive");
            }
            if (abandonedAfter == null || abandonedAfter.isNegative()) {
                throw new IllegalArgumentException(SECTION + ".abandoned-after " + abandonedAfter
                        + " is invalid: it must be zero or positive");
            }
            if (claimAttempts < 1 || claimAttempts > 100) {
                throw new IllegalArgumentException(SECTION + ".claim-attempts " + claimAttempts
                        + " is invalid: it must be between 1 and 100");
            }
            hadoop.forEach((key, value) -> {
                if (key.isBlank() || value == null) {
                    throw new IllegalArgumentException(SECTION + ".hadoop: setting '" + key
                            + "' has no value");
                }
            });
            return new RegistryConfig(this);
        }
    }
}
