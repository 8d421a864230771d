package io.facetrain.spark.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetrain.core.train.ModelDirectory;
import io.facetrain.core.train.TrainingListener;
import io.facetrain.core.train.TrainingRun;
import io.facetrain.spark.testing.LocalSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distributed trainer end to end in {@code local[2]}: two workers (barrier tasks in this JVM) train
 * through an embedded parameter server over UDP loopback, on generated faces read from an ingested dataset.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DistributedTrainingIT {

    @RegisterExtension
    static final LocalSpark SPARK = LocalSpark.threads(2);

    /** Held-out verification accuracy the trained model must gain over the untrained encoder. */
    private static final double MIN_GAIN = 0.05;

    @TempDir
    Path dir;

    @Test
    void twoWorkersImproveHeldOutVerificationAndWriteTheModelDirectory(JavaSparkContext sc) throws IOException {
        Path dataset = TrainingFixtures.generatedDataset(dir, 80, 6, 64, 7, 4);
        int rounds = 5;
        int steps = 10;
        DistributedTrainingConfig config = TrainingFixtures.config(TrainingFixtures.concat(TrainingFixtures.TINY,
                "distributed.workers=2", "train.encoder.architecture=resnet", "train.encoder.width=8",
                "train.encoder.embedding-dim=64", "train.preprocess.input-size=32", "train.preprocess.crop-fraction=0.85",
                "train.mining.persons-per-batch=8", "train.mining.margin=0.2",
                "train.schedule.rounds=" + rounds, "train.schedule.steps-per-round=" + steps,
                "train.optimizer.learning-rate=2e-3", "train.optimizer.warmup-steps=5",
                "train.validation.fraction=0.2", "train.validation.baselines=true",
                "train.validation.same-pairs=150", "train.validation.different-pairs=150",
                "train.validation.every-rounds=2", "evaluation.verification.folds=5"));
        RecordingListener listener = new RecordingListener();
        Path out = dir.resolve("model");

        DistributedTrainer.Result result = new DistributedTrainer(config, listener).run(sc, dataset, out);

        TrainingRun.Result training = result.training();
        double trained = training.model().orElseThrow().accuracyMean();
        double untrained = training.untrained().orElseThrow().accuracyMean();
        assertTrue(trained >= untrained + MIN_GAIN, "held-out accuracy " + trained + ", untrained " + untrained);
        assertEquals((long) rounds * steps, training.history().steps());
        assertEquals(rounds, listener.progress.size(), "one progress line per round");
        assertEquals(rounds, listener.rounds.size());
        assertEquals(List.of(10L, 20L, 30L, 40L, 50L), listener.progress.stream().map(TrainingListener.ProgressReport::step)
                .toList(), "global steps continue across rounds");
        assertTrue(listener.rounds.stream().allMatch(r -> r.roundMining().considered() > 0 && r.imagesPerSecond() > 0));
        assertEquals(3, listener.validations.size(), "after rounds 2 and 4, and the final evaluation");

        List<WorkerRoundReport> reports = result.workerReports();
        assertEquals(2 * rounds, reports.size());
        assertEquals(Set.of(ProcessHandle.current().pid()), reports.stream().map(WorkerRoundReport::pid)
                .collect(Collectors.toSet()), "local mode runs the tasks in this JVM");
        for (WorkerRoundReport r : reports) {
            assertEquals(steps, r.result().steps());
            assertEquals((long) r.round() * steps, r.firstStep());
            assertTrue(r.exchangeNanos() > 0 && r.exchangeNanos() <= r.result().timings().updateNanos());
            assertEquals(32, r.persons(), "64 training persons, balanced over 2 workers");
        }

        for (String file : List.of(ModelDirectory.MODEL, ModelDirectory.DESCRIPTOR, ModelDirectory.TRAINING_CONFIG,
                ModelDirectory.HISTORY, ModelDirectory.REPORT)) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        JsonNode descriptor = new ObjectMapper().readTree(out.resolve(ModelDirectory.DESCRIPTOR).toFile());
        assertEquals(2, descriptor.path("provenance").path("distributed").path("workers").asInt());
        assertEquals(384, descriptor.path("provenance").path("training-images").asInt());
        assertTrue(Files.readString(out.resolve(ModelDirectory.REPORT)).contains("untrained-encoder"));
        JsonNode history = new ObjectMapper().readTree(out.resolve(ModelDirectory.HISTORY).toFile());
        assertEquals(rounds, history.path("rounds").size());
        assertEquals(ModelDirectory.read(out).encoder().parameters(), training.encoder().parameters(),
                "the model file holds the trained parameters");
    }

    @Test
    void twoWorkersTakeTheSameStepsAsOneProcessOnTheirCombinedBatches(JavaSparkContext sc) throws Exception {
        Path dataset = TrainingFixtures.generatedDataset(dir, 20, 5, 32, 3, 3);
        DistributedTrainingConfig config = TrainingFixtures.config(TrainingFixtures.concat(TrainingFixtures.TINY,
                "distributed.workers=2", "train.schedule.rounds=2", "train.schedule.steps-per-round=3",
                "train.optimizer.warmup-steps=2", "train.optimizer.learning-rate=1e-2"));
        DistributedTrainer trainer = new DistributedTrainer(config, TrainingListener.NONE);
        Path out = dir.resolve("distributed");
        DistributedTrainer.Plan plan = trainer.plan(dataset, out, sc.defaultParallelism());

        float[] distributed = trainer.run(sc, dataset, out).training().encoder().parameters().toFloatVector();
        float[] reference = LockstepWorkers.of(config.training(), plan).train();
        float[] initial = RunEncoders.create(config.training()).parameters().toFloatVector();

        assertEquals(reference.length, distributed.length);
        double difference = 0;
        double moved = 0;
        for (int i = 0; i < reference.length; i++) {
            difference = Math.max(difference, Math.abs(reference[i] - distributed[i]));
            moved = Math.max(moved, Math.abs(reference[i] - initial[i]));
        }
        System.out.printf("equivalence: largest parameter difference %.3g, largest move from the start %.3g%n",
                difference, moved);
        assertTrue(moved > 1e-3, "training moved the parameters: " + moved);
        assertTrue(difference <= 1e-5, "distributed and single-process parameters differ by up to " + difference);
    }
}
