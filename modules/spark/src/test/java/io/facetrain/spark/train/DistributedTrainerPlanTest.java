package io.facetrain.spark.train;

import io.facetrain.core.train.ModelDirectory;
import io.facetrain.core.train.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Everything a run needs is checked on the driver, before Spark is asked to do anything. */
@Timeout(60)
class DistributedTrainerPlanTest {

    @TempDir
    static Path dir;
    private static Path dataset;

    @BeforeAll
    static void writeDataset() {
        dataset = TrainingFixtures.generatedDataset(dir, 12, 3, 32, 2, 2);
    }

    private static DistributedTrainer trainer(String... overrides) {
        return new DistributedTrainer(TrainingFixtures.config(TrainingFixtures.concat(TrainingFixtures.TINY, overrides)),
                TrainingListener.NONE);
    }

    @Test
    void aPlanSplitsLikeASingleProcessRunAndGivesEveryWorkerItsPersons() {
        DistributedTrainer.Plan plan = trainer("distributed.workers=3").plan(dataset, dir.resolve("a"), 2);
        assertEquals(3, plan.split().validation().size(), "25% of 12 persons are held out");
        assertEquals(9, plan.split().training().size());
        assertEquals(3, plan.assignment().workers());
        for (int w = 0; w < 3; w++) {
            assertEquals(3, plan.assignment().persons(w));
            assertEquals(9, plan.assignment().images(w));
        }
        for (String held : plan.split().validation()) {
            assertEquals(-1, plan.assignment().workerOf(held), "validation persons are never trained on");
        }
    }

    @Test
    void autoMeansOneWorkerPerTaskSlot() {
        assertEquals(2, trainer().plan(dataset, dir.resolve("b"), 2).assignment().workers());
    }

    @Test
    void moreWorkersThanTrainingPersonsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer("distributed.workers=10").plan(dataset, dir.resolve("c"), 2));
        assertTrue(e.getMessage().contains("facetrain.distributed.workers=10")
                && e.getMessage().contains("9 training persons"), e.getMessage());
    }

    @Test
    void workersWithoutTwoPersonsEachAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer("distributed.workers=5").plan(dataset, dir.resolve("d"), 2));
        assertTrue(e.getMessage().contains("needs at least 2"), e.getMessage());
    }

    @Test
    void anOutputThatHoldsAModelOrADatasetThatIsNotOneIsRefused() throws IOException {
        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve(ModelDirectory.DESCRIPTOR), "{}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer().plan(dataset, taken, 2));
        assertTrue(e.getMessage().contains("already holds a model"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> trainer().plan(dir.resolve("nowhere"), dir.resolve("e"), 2));
        assertTrue(e.getMessage().contains("not an ingested dataset"), e.getMessage());
    }
}
