package io.facetrain.core.eval;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.facetrain.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static io.facetrain.core.eval.RocCurveTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class EvaluationConfigTest {

    private static Config with(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigLoader.defaults()).resolve();
    }

    @Test
    void bundledDefaultsMatchTheBuilderDefaults() {
        VerificationConfig v = VerificationConfig.fromConfig(ConfigLoader.defaults());
        assertEquals(10, v.folds());
        assertEquals(42L, v.seed());
        assertEquals(List.of(0.01, 0.001), v.farTargets());
        assertFalse(v.calibrationFar().isPresent());
        assertEquals(40, v.histogramBins());
        assertFalse(v.hasFixedHistogramRange());
        assertEquals(VerificationConfig.defaults().toString(), v.toString());

        IdentificationConfig i = IdentificationConfig.fromConfig(ConfigLoader.defaults());
        assertEquals(IdentificationConfig.defaults().toString(), i.toString());
    }

    @Test
    void overridesAreRead() {
        VerificationConfig v = VerificationConfig.fromConfig(ConfigLoader.load(Optional.empty(), List.of(
                "facetrain.evaluation.verification.calibration=far",
                "facetrain.evaluation.verification.calibration-far=0.0001",
                "facetrain.evaluation.verification.histogram-range=[0,4]")));
        assertEquals(0.0001, v.calibrationFar().getAsDouble(), 0.0);
        assertTrue(v.hasFixedHistogramRange());
        assertEquals(4.0, v.histogramHigh(), 0.0);

        IdentificationConfig i = IdentificationConfig.fromConfig(
                with("facetrain.evaluation.identification.gallery-images-per-person = 3"));
        assertEquals(3, i.galleryImagesPerPerson());
    }

    @Test
    void badValuesNameTheKey() {
        assertMessage("facetrain.evaluation.verification.folds must be >= 2, got 1",
                () -> VerificationConfig.fromConfig(with("facetrain.evaluation.verification.folds = 1")));
        assertMessage("facetrain.evaluation.verification.far-targets values must be in (0, 1), got 1.5",
                () -> VerificationConfig.fromConfig(with("facetrain.evaluation.verification.far-targets = [0.01, 1.5]")));
        assertMessage("facetrain.evaluation.verification.calibration must be \"accuracy\" or \"far\", got \"best\"",
                () -> VerificationConfig.fromConfig(with("facetrain.evaluation.verification.calibration = best")));
        assertMessage("facetrain.evaluation.verification.histogram-range must be [] (data range) or [low, high]",
                () -> VerificationConfig.fromConfig(with("facetrain.evaluation.verification.histogram-range = [1]")));
        assertMessage("facetrain.evaluation.verification.histogram-range must be finite with low < high",
                () -> VerificationConfig.fromConfig(with("facetrain.evaluation.verification.histogram-range = [4, 0]")));
        assertMessage("facetrain.evaluation.verification.seed",
                () -> VerificationConfig.fromConfig(with("facetrain.evaluation.verification.seed = lots")));
        assertMessage("facetrain.evaluation.identification.unknown-person-fraction must be in [0, 1), got 1.0",
                () -> IdentificationConfig.fromConfig(with("facetrain.evaluation.identification.unknown-person-fraction = 1.0")));
        assertMessage("facetrain.evaluation.identification.open-set-far must be in (0, 1), got 0.0",
                () -> IdentificationConfig.fromConfig(with("facetrain.evaluation.identification.open-set-far = 0")));
        assertMessage("facetrain.evaluation.identification.gallery-images-per-person must be >= 1, got 0",
                () -> IdentificationConfig.fromConfig(with("facetrain.evaluation.identification.gallery-images-per-person = 0")));
    }
}
