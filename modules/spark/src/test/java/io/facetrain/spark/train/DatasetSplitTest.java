package io.facetrain.spark.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.data.FaceImageSetLoader;
import io.facetrain.core.data.FaceShards;
import io.facetrain.core.data.IdentitySplit;
import io.facetrain.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The driver's plan holds out exactly the persons a single-process run on the same data holds out. */
@Timeout(60)
class DatasetSplitTest {

    @Test
    void theSplitIsTheSingleProcessSplit(@TempDir Path dir) {
        // Persons with 1..5 images, so that single-image persons are split separately too.
        int[] images = new int[17];
        for (int p = 0; p < images.length; p++) {
            images[p] = 1 + p % 5;
        }
        Path dataset = TrainingFixtures.generatedDataset(dir, images, 32, 4, 3);
        TrainingConfig config = TrainingFixtures.config(TrainingFixtures.TINY).training();
        FaceImageSet all = new FaceImageSetLoader(config.preprocess(), 1, 1 << 30).load(FaceShards.open(dataset));
        for (long seed : new long[] {1, 2, 3}) {
            IdentitySplit reference = IdentitySplit.byPerson(all.labels(), 0.3, seed);
            Set<String> heldOut = new TreeSet<>();
            for (int i : reference.validation()) {
                heldOut.add(all.personIds().get(all.label(i)));
            }
            TreeMap<String, Integer> training = new TreeMap<>();
            for (int i : reference.train()) {
                training.merge(all.personIds().get(all.label(i)), 1, Integer::sum);
            }

            DatasetSplit split = DatasetSplit.of(ShardIndex.read(dataset), 0.3, seed);
            assertFalse(heldOut.isEmpty());
            assertEquals(heldOut, split.validation(), "seed " + seed);
            TreeMap<String, Integer> planned = new TreeMap<>();
            split.training().forEach(p -> planned.put(p.personId(), p.images()));
            assertEquals(training, planned, "seed " + seed);
            assertEquals(reference.train().length, split.trainingImages());
            assertEquals(reference.validation().length, split.validationImages());
        }
    }
}
