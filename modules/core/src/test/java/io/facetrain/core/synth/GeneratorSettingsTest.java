package io.facetrain.core.synth;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.facetrain.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorSettingsTest {

    @Test
    void bundledDefaultsAreTheReferenceDataset() {
        GeneratorSettings settings = GeneratorSettings.fromConfig(ConfigLoader.defaults());
        assertEquals(1000, settings.persons());
        assertEquals(10, settings.imagesPerPerson());
        assertEquals(64, settings.size());
        assertEquals(1, settings.seed());
        assertEquals(0, settings.threads());
        assertEquals(Runtime.getRuntime().availableProcessors(), settings.effectiveThreads());
        assertEquals(10_000, settings.totalImages());
        GeneratorSettings builderDefaults = GeneratorSettings.builder().build();
        assertEquals(settings.toString(), builderDefaults.toString(), "builder defaults drifted from the conf file");
        assertEquals(settings.threads(), builderDefaults.threads());
    }

    @Test
    void overridesReachTheSettings() {
        Config config = ConfigLoader.load(Optional.empty(),
                List.of("generate.persons=12", "generate.size=96", "generate.seed=-5", "generate.threads=3"));
        GeneratorSettings settings = GeneratorSettings.fromConfig(config);
        assertEquals(12, settings.persons());
        assertEquals(96, settings.size());
        assertEquals(-5, settings.seed());
        assertEquals(3, settings.effectiveThreads());
    }

    @Test
    void outOfRangeValuesAreRejectedNamingTheKeyAndValue() {
        assertRejected(GeneratorSettings.builder().persons(1), "facetrain.generate.persons", "got 1");
        assertRejected(GeneratorSettings.builder().imagesPerPerson(0), "facetrain.generate.images-per-person", "got 0");
        assertRejected(GeneratorSettings.builder().size(31), "facetrain.generate.size", "got 31");
        assertRejected(GeneratorSettings.builder().persons(100_000), "facetrain.generate.persons", "got 100000");
        assertRejected(GeneratorSettings.builder().threads(-1), "facetrain.generate.threads", "got -1");
    }

    @Test
    void wrongTypeIsRejectedNamingTheKey() {
        Config config = ConfigFactory.parseString("facetrain.generate.persons = many")
                .withFallback(ConfigLoader.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeneratorSettings.fromConfig(config));
        assertTrue(e.getMessage().contains("persons"), e.getMessage());
    }

    @Test
    void toBuilderKeepsEveryValue() {
        GeneratorSettings settings = GeneratorSettings.builder().persons(3).imagesPerPerson(4).size(40).seed(9)
                .threads(2).build();
        GeneratorSettings copy = settings.toBuilder().build();
        assertEquals(settings.toString(), copy.toString());
        assertEquals(settings.threads(), copy.threads());
    }

    private static void assertRejected(GeneratorSettings.Builder builder, String key, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains(value), e.getMessage());
    }
}
