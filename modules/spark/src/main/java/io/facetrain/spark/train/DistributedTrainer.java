package io.facetrain.spark.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.core.train.TrainingImages;
import io.facetrain.core.train.TrainingListener;
import io.facetrain.core.train.TrainingRun;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A distributed training run on Spark, driven from here: plan and validate on the driver (split by person
 * as a single-process run does, assign training persons to workers), cache the training images on the
 * executors one partition per worker, then train in barrier-stage rounds against an embedded parameter
 * server ({@link BarrierRoundsBackend}) inside the same {@link TrainingRun} a single-process run uses, so
 * that baselines, evaluation and the model directory are identical.
 */
public final class DistributedTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainer.class);

    private final DistributedTrainingConfig config;
    private final TrainingListener listener;

    public DistributedTrainer(DistributedTrainingConfig config, TrainingListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * What a run will do, checked before any Spark job.
     *
     * @param index      the dataset's images
     * @param split      training and validation persons
     * @param assignment the training persons' workers
     */
    public record Plan(ShardIndex index, DatasetSplit split, PersonAssignment assignment) {
    }

    /**
     * What a run produced.
     *
     * @param plan          what the run did: dataset index, split and worker assignment
     * @param training      the trained encoder, history and evaluation, as a single-process run reports them
     * @param workerReports every worker's report of every round, in round order (where tasks ran, exchange time)
     */
    public record Result(Plan plan, TrainingRun.Result training, List<WorkerRoundReport> workerReports) {
        public Result {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(training, "training");
            workerReports = List.copyOf(workerReports);
        }
    }

    /**
     * Reads the dataset's index and plans the run, without Spark.
     *
     * @param defaultParallelism Spark's default parallelism, the worker count of {@code workers = auto}
     * @throws IllegalArgumentException naming the problem (output, dataset, key and value) when the run
     *                                  cannot start
     */
    public Plan plan(Path dataset, Path out, int defaultParallelism) {
        TrainingRun.checkOutput(out);
        ShardIndex index = ShardIndex.read(dataset);
        DatasetSplit split = DatasetSplit.of(index, config.training().validation().fraction(), config.training().seed());
        int workers = config.workers().resolve(defaultParallelism);
        PersonAssignment assignment = PersonAssignment.balance(split.training(), workers, config.training().seed());
        int personsPerBatch = config.training().mining().personsPerBatch();
        for (int w = 0; w < workers; w++) {
            if (assignment.anchorPersons(w) < personsPerBatch) {
                LOG.warn("worker {} has {} persons with two or more images, fewer than train.mining.persons-per-batch"
                        + " = {}: its batches will hold {} persons", w, assignment.anchorPersons(w), personsPerBatch,
                        assignment.anchorPersons(w));
            }
        }
        return new Plan(index, split, assignment);
    }

    /**
     * Runs the whole training and writes the model directory.
     *
     * @param sc      a running context with at least as many task slots as workers (a barrier stage starts
     *                all its tasks at once)
     * @param dataset a local ingested dataset directory, readable by every executor at the same path
     * @param out     where to write the model; must not already hold one
     */
    public Result run(JavaSparkContext sc, Path dataset, Path out) {
        Plan plan = plan(dataset, out, sc.defaultParallelism());
        LOG.info("distributed training on {} with {} workers: {}", sc.master(), plan.assignment().workers(),
                plan.assignment());
        FaceImageSet heldOut = validationImages(plan, config.training().preprocess());
        try (PartitionedFaces data = PartitionedFaces.load(sc, plan.index().shards(), plan.assignment(),
                config.shipped())) {
            BarrierRoundsBackend backend = new BarrierRoundsBackend(config, listener, data,
                    plan.assignment().workers(), sc.master());
            TrainingImages train = TrainingImages.elsewhere(plan.split().trainingImages(),
                    plan.split().training().size());
            TrainingRun.Result result = new TrainingRun(config.training(), listener).run(train, heldOut,
                    TrainingRun.datasetName(dataset), out, backend);
            return new Result(plan, result, backend.workerReports());
        }
    }

    /**
     * The validation persons' images, decoded on the driver from the shards that hold them, with
     * {@code preprocess} (the run's own, or another model's when it is compared on the same persons).
     */
    public FaceImageSet validationImages(Plan plan, PreprocessConfig preprocess) {
        Set<String> persons = plan.split().validation();
        boolean[] needed = new boolean[plan.index().shards().size()];
        for (ShardIndex.Entry e : plan.index().entries()) {
            if (persons.contains(e.personId())) {
                needed[e.shard()] = true;
            }
        }
        ShardDecoder decoder = new ShardDecoder(preprocess);
        List<CachedFace> faces = new ArrayList<>(plan.split().validationImages());
        for (int s = 0; s < needed.length; s++) {
            if (needed[s]) {
                faces.addAll(decoder.read(plan.index().shards().get(s), persons::contains));
            }
        }
        return FaceSets.of(preprocess, faces.iterator());
    }
}
