package io.facetrain.spark.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistributedTrainingConfigTest {

    @Test
    void workersAreAutoByDefaultOrAPositiveNumber() {
        assertTrue(TrainingFixtures.config().workers().isAuto());
        assertEquals(4, TrainingFixtures.config().workers().resolve(4));
        assertEquals(3, TrainingFixtures.config("distributed.workers=3").workers().resolve(8));
        assertEquals(2, TrainingFixtures.config("distributed.workers=\"2\"").workers().resolve(8));
    }

    @Test
    void workersBelowOneOrNotANumberAreRefusedNamingTheKey() {
        for (String bad : new String[] {"0", "-2", "many", "1.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrainingFixtures.config("distributed.workers=" + bad));
            assertTrue(e.getMessage().contains("facetrain.distributed.workers"), e.getMessage());
        }
    }

    @Test
    void sharedMemoryTransportIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingFixtures.config("paramserver.transport=ipc"));
        assertTrue(e.getMessage().contains("facetrain.paramserver.transport") && e.getMessage().contains("\"ipc\""),
                e.getMessage());
    }

    @Test
    void evictingWorkersIsRefusedBecauseSparkReplacesThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingFixtures.config("paramserver.abort-policy=continue-without-missing"));
        assertTrue(e.getMessage().contains("facetrain.paramserver.abort-policy")
                && e.getMessage().contains("\"continue-without-missing\""), e.getMessage());
    }

    @Test
    void badTrainingSettingsAreRefusedAsInASingleProcessRun() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingFixtures.config("train.mining.images-per-person=1"));
        assertTrue(e.getMessage().contains("train.mining.images-per-person"), e.getMessage());
    }

    @Test
    void tasksReadTheSameSettingsAfterTravellingAndNothingElseTravels() {
        DistributedTrainingConfig config = TrainingFixtures.config(TrainingFixtures.concat(TrainingFixtures.TINY,
                "paramserver.step-timeout=45s", "registry.hadoop.\"fs.s3a.secret.key\"=not-for-executors"));
        byte[] bytes = TrainingFixtures.serialize(config.shipped());
        WorkerSettings shipped = TrainingFixtures.deserialize(bytes, WorkerSettings.class);
        assertEquals(config.training().renderedJson(), shipped.training().renderedJson());
        assertEquals(config.training().encoder(), shipped.training().encoder());
        assertEquals(45, shipped.paramServer().stepTimeout().toSeconds());
        assertFalse(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("not-for-executors"),
                "only the train, evaluation and paramserver sections are shipped");
    }
}
