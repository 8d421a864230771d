package io.facetrain.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @Test
    void mapsTheSectionWithQuotedAndNestedHadoopKeys() {
        Config config = ConfigFactory.parseString("""
                facetrain.registry {
                    root = "s3a://models-bucket/facetrain"
                    retention = 14d
                    abandoned-after = 6h
                    claim-attempts = 5
                    hadoop {
                        "fs.s3a.endpoint" = "http://127.0.0.1:9000"
                        fs.s3a.path.style.access = true
                        "fs.s3a.connection.maximum" = 32
                    }
                }
                """);
        RegistryConfig registry = RegistryConfig.fromConfig(config);
        assertEquals(URI.create("s3a://models-bucket/facetrain"), registry.root());
        assertEquals(Duration.ofDays(14), registry.retention());
        assertEquals(Duration.ofHours(6), registry.abandonedAfter());
        assertEquals(5, registry.claimAttempts());
        assertEquals(Map.of("fs.s3a.endpoint", "http://127.0.0.1:9000",
                "fs.s3a.path.style.access", "true", "fs.s3a.connection.maximum", "32"), registry.hadoop());

        Configuration hadoop = registry.hadoopConfiguration(new Configuration(false));
        assertEquals("http://127.0.0.1:9000", hadoop.get("fs.s3a.endpoint"));
        assertTrue(hadoop.getBoolean("fs.s3a.path.style.access", false));
    }

    @Test
    void acceptsTheSectionItselfAndFillsDefaults() {
        RegistryConfig registry = RegistryConfig.fromConfig(
                ConfigFactory.parseString("root = \"file:///srv/models\""));
        assertEquals(RegistryConfig.DEFAULT_RETENTION, registry.retention());
        assertEquals(RegistryConfig.DEFAULT_ABANDONED_AFTER, registry.abandonedAfter());
        assertEquals(RegistryConfig.DEFAULT_CLAIM_ATTEMPTS, registry.claimAttempts());
        assertEquals(Map.of(), registry.hadoop());
    }

    @Test
    void theShippedConfigurationFileHasAValidRegistrySection() {
        Path shipped = Path.of("../../conf/facetrain.conf");
        assertTrue(Files.isRegularFile(shipped), "conf/facetrain.conf exists");
        RegistryConfig registry = RegistryConfig.fromConfig(ConfigFactory.parseFile(shipped.toFile())
                .resolve());
        assertEquals("file", registry.root().getScheme());
        assertTrue(registry.retention().compareTo(Duration.ZERO) > 0);
    }

    @Test
    void badValuesAreRejectedNamingTheKey() {
        assertMessage("facetrain.registry.root is missing",
                () -> RegistryConfig.fromConfig(ConfigFactory.parseString("facetrain.registry {}")));
        assertMessage("facetrain.registry.retention: 'soon' is not a duration",
                () -> RegistryConfig.fromConfig(ConfigFactory.parseString(
                        "root = \"/m\"\nretention = soon")));
        assertMessage("facetrain.registry.claim-attempts 0 is invalid",
                () -> RegistryConfig.fromConfig(ConfigFactory.parseString(
                        "root = \"/m\"\nclaim-attempts = 0")));
        assertMessage("facetrain.registry.hadoop must be an object",
                () -> RegistryConfig.fromConfig(ConfigFactory.parseString(
                        "root = \"/m\"\nhadoop = 3")));
        assertMessage("use the s3a:// scheme",
                () -> RegistryConfig.parseRoot("s3://bucket/models"));
        assertMessage("has no bucket or host",
                () -> RegistryConfig.parseRoot("s3a:///models"));
        assertMessage("registry root is empty", () -> RegistryConfig.parseRoot(" "));
        assertMessage("--retention '-1d' is negative",
                () -> RegistryConfig.parseDuration("-1d", "--retention"));
        assertMessage("--retention 'forever' is not a duration",
                () -> RegistryConfig.parseDuration("forever", "--retention"));
    }

    @Test
    void localPathsBecomeAbsoluteFileUris() {
        URI uri = RegistryConfig.parseRoot("/srv/models/../models");
        assertEquals(URI.create("file:///srv/models/"), URI.create(uri.toString() + "/")
                .normalize());
        assertEquals("file", RegistryConfig.parseRoot("relative/models").getScheme());
        assertEquals(Duration.ofMinutes(90), RegistryConfig.parseDuration("90m", "x"));
    }

    static void assertMessage(String expected, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
