package io.facetrain.core.train;

import io.facetrain.core.config.ConfigLoader;
import io.facetrain.core.nn.Architecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class TrainingConfigTest {

    @Test
    void bundledDefaultsAreValid() {
        TrainingConfig c = TrainingConfig.fromConfig(ConfigLoader.defaults());
        assertEquals(Architecture.RESNET, c.encoder().architecture());
        assertEquals(128, c.encoder().embeddingDim());
        assertEquals(0.2, c.mining().margin());
        assertEquals("semi-hard", c.mining().miner());
        assertEquals(MiningConfig.Mode.ONLINE, c.mining().mode());
        assertEquals(Duration.ZERO, c.run().timeBudget());
        assertEquals(0.1, c.validation().fraction());
        assertEquals(10, c.verification().folds());
        assertTrue(c.renderedJson().contains("\"miner\""));
        assertInstanceOf(Adam.class, c.optimizer().updater(c.run().totalSteps()));
    }

    @Test
    void overridesReachTheirSection() {
        TrainingConfig c = TrainTestSupport.config("train.optimizer.name=nesterovs", "train.schedule.time-budget=15m",
                "train.mining.mode=ahead", "train.preprocess.channels=1", "train.data.cache-max-bytes=512M");
        IUpdater u = c.optimizer().updater(100);
        assertInstanceOf(Nesterovs.class, u);
        assertEquals(Duration.ofMinutes(15), c.run().timeBudget());
        assertEquals(MiningConfig.Mode.AHEAD, c.mining().mode());
        assertEquals(1, c.preprocess().channels());
        assertEquals(512L << 20, c.data().cacheMaxBytes());
    }

    @Test
    void badValuesNameTheirKey() {
        assertRejected("train.mining.miner", "train.mining.miner=hardish");
        assertRejected("train.preprocess.channels", "train.preprocess.channels=2");
        assertRejected("train.optimizer.learning-rate", "train.optimizer.learning-rate=-1");
        assertRejected("train.optimizer.schedule", "train.optimizer.schedule=linear");
        assertRejected("train.mining.persons-per-batch", "train.mining.persons-per-batch=1");
        assertRejected("train.mining.mode", "train.mining.mode=offline");
        assertRejected("train.schedule.rounds", "train.schedule.rounds=0");
        assertRejected("train.validation.fraction", "train.validation.fraction=1");
        assertRejected("train.encoder.architecture", "train.encoder.architecture=conv1d");
        assertRejected("facetrain.train.schedule.time-budget", "train.schedule.time-budget=soon");
        assertRejected("train.preprocess.crop-fraction", "train.preprocess.crop-fraction=0");
        // An input too small for the architecture is caught before any data is read.
        assertRejected("too small", "train.preprocess.input-size=8");
    }

    private static void assertRejected(String expectedInMessage, String override) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainTestSupport.config(override));
        assertTrue(e.getMessage().contains(expectedInMessage), override + " -> " + e.getMessage());
    }
}
