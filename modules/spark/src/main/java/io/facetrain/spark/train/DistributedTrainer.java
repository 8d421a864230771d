package io.facetrain.spark.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.core.train.ModelDirectory;
import io.facetrain.core.train.TrainingImages;
import io.facetrain.core.train.TrainingListener;
import io.facetrain.core.train.TrainingRun;
import io.facetrain.spark.HadoopPaths;
import io.facetrain.spark.LocalMasters;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A distributed training run on Spark, driven from here: plan and validate on the driver (split by person
 * as a single-process run does, assign training persons to workers), cache the training images on the
 * executors one partition per worker, then train in barrier-stage rounds against an embedded parameter
 * server ({@link BarrierRoundsBackend}) inside the same {@link TrainingRun} a single-process run uses, so
 * that baselines, evaluation and the model directory are identical. Every completed round is checkpointed
 * ({@link RunCheckpoints}), and a run whose driver died continues from its last checkpoint
 * ({@link RunDirectories#resuming()}).
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
     * Reads the index of a local dataset and plans the run, without Spark.
     *
     * @param defaultParallelism Spark's default parallelism, the worker count of {@code workers = auto}
     * @throws IllegalArgumentException naming the problem (output, dataset, key and value) when the run
     *                                  cannot start
     */
    public Plan plan(Path dataset, Path out, int defaultParallelism) {
        return plan(dataset.toString(), new Configuration(), out, defaultParallelism);
    }

    /**
     * Reads the dataset's index and plans the run, without Spark.
     *
     * @param dataset            an ingested dataset directory on any Hadoop file system (a plain path is local)
     * @param hadoop             the settings its file system is reached with
     * @param defaultParallelism Spark's default parallelism, the worker count of {@code workers = auto}
     * @throws IllegalArgumentException naming the problem (output, dataset, key and value) when the run
     *                                  cannot start
     */
    public Plan plan(String dataset, Configuration hadoop, Path out, int defaultParallelism) {
        TrainingRun.checkOutput(out);
        ShardIndex index = ShardIndex.read(dataset, hadoop);
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
     * @param out     where to write the model; must not already hold one. Checkpoints go to
     *                {@code <out>/checkpoints}, which must not hold a run's checkpoints yet
     */
    public Result run(JavaSparkContext sc, Path dataset, Path out) {
        return run(sc, dataset.toString(), RunDirectories.of(out));
    }

    /** The same with the run's directories, for a local dataset. */
    public Result run(JavaSparkContext sc, Path dataset, RunDirectories dirs) {
        return run(sc, dataset.toString(), dirs);
    }

    /**
     * Runs the whole training, or continues one whose driver died, and writes the model directory. Every
     * completed round is checkpointed to {@code dirs.checkpoints()} (the newest two are kept; all are removed
     * once the model directory is complete). A resumed run
     * continues after the last checkpoint's round and ends as the uninterrupted run would have (same
     * parameters, its history continued); its model descriptor and {@code training.json} note after which
     * rounds it was resumed. {@link Result#workerReports()} holds only this driver's rounds.
     *
     * @param sc      a running context with at least as many task slots as workers
     * @param dataset an ingested dataset directory on any Hadoop file system the driver and every executor
     *                reach with the context's Hadoop configuration (HDFS, S3A; a plain path is local and must
     *                then be the same on every executor)
     * @param dirs    the model and checkpoint directories, and whether to resume
     * @throws IllegalArgumentException before any Spark job: a model already in the model directory, checkpoints
     *                                  of a run in the checkpoint directory of a new run, no checkpoint to resume
     *                                  from, or a checkpoint of a run with other settings or data (naming them)
     */
    public Result run(JavaSparkContext sc, String dataset, RunDirectories dirs) {
        checkNotFinished(dirs);
        return run(sc, plan(dataset, sc.hadoopConfiguration(), dirs.model(), sc.defaultParallelism()), dataset, dirs);
    }

    /**
     * The same with the run already planned (by {@link #plan} with {@code dataset} and the model directory
     * of {@code dirs}), so that a caller that checked the plan before starting Spark does not read the
     * dataset's index again.
     */
    public Result run(JavaSparkContext sc, Plan plan, String dataset, RunDirectories dirs) {
        checkNotFinished(dirs);
        checkSlots(plan, sc.master());
        TaskGpus.checkOnePerTask(sc.getConf());
        RunStart start = start(plan, dirs, sc.hadoopConfiguration());
        LOG.info("distributed training on {} with {} workers: {}", sc.master(), plan.assignment().workers(),
                plan.assignment());
        FaceImageSet heldOut = validationImages(plan, config.training().preprocess());
        try (PartitionedFaces data = PartitionedFaces.load(sc, plan.index().shards(), plan.assignment(),
                config.shipped())) {
            BarrierRoundsBackend backend = new BarrierRoundsBackend(config, listener, data,
                    plan.assignment().workers(), sc.master(), sc.getConf().get("spark.driver.host"), start);
            TrainingImages train = TrainingImages.elsewhere(plan.split().trainingImages(),
                    plan.split().training().size());
            TrainingRun.Result result = new TrainingRun(config.training(), listener).run(train, heldOut,
                    HadoopPaths.of(dataset).getName(), dirs.model(), backend);
            start.checkpoints().removeAfterFinish();
            return new Result(plan, result, backend.workerReports());
        }
    }

    /**
     * Refuses a plan with more workers than a local master has task slots (a barrier stage needs one per
     * worker at once, and would otherwise wait until Spark gives up); a cluster master's slots are only
     * known to Spark, which then refuses the stage itself.
     */
    static void checkSlots(Plan plan, String master) {
        OptionalInt slots = LocalMasters.slots(master);
        int workers = plan.assignment().workers();
        if (slots.isPresent() && workers > slots.getAsInt()) {
            throw new IllegalArgumentException(WorkerCount.KEY + " = " + workers + " needs " + workers
                    + " task slots at once (one barrier task per worker) but master " + master + " has "
                    + slots.getAsInt() + ": use fewer workers or a master with more slots, e.g. local[" + workers + "]");
        }
    }

    /**
     * A resumed run whose model directory is complete ({@value ModelDirectory#HISTORY} is written last) has
     * nothing left to do; said before {@link #plan}'s "already holds a model", which would be misleading.
     */
    static void checkNotFinished(RunDirectories dirs) {
        if (dirs.resume() && Files.exists(dirs.model().resolve(ModelDirectory.HISTORY))) {
            throw new IllegalArgumentException("the run in " + dirs.model() + " has already finished ("
                    + ModelDirectory.HISTORY + " is written): there is nothing to resume");
        }
    }

    /**
     * Decides how a planned run starts, without Spark: a new run needs a checkpoint directory without
     * checkpoints; a resumed run reads the newest complete checkpoint and checks it belongs to a run with
     * this run's settings and data.
     *
     * @throws IllegalArgumentException naming the directory, or every setting that differs
     * @throws IllegalStateException    when the newest complete checkpoint cannot be read
     */
    RunStart start(Plan plan, RunDirectories dirs, Configuration hadoop) {
        RunCheckpoints checkpoints = new RunCheckpoints(dirs.checkpointPath(), hadoop);
        RunFingerprint fingerprint = RunFingerprint.of(config, plan);
        if (!dirs.resume()) {
            checkpoints.startFresh();
            return new RunStart(checkpoints, fingerprint, Optional.empty());
        }
        RunCheckpoints.Restored restored = checkpoints.latest().orElseThrow(() -> new IllegalArgumentException(
                "cannot resume: no complete checkpoint in " + checkpoints.directory()
                        + " (a run writes one after every completed round)"));
        List<String> differences = fingerprint.differences(restored.driver().fingerprint());
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("cannot resume from " + restored.location() + ": it belongs to a run with"
                    + " other settings or data: " + String.join("; ", differences));
        }
        LOG.info("resuming after round {} (step {}) from {}", restored.driver().roundsDone(),
                restored.server().version(), restored.location());
        return new RunStart(checkpoints, fingerprint, Optional.of(restored));
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
        ShardDecoder decoder = new ShardDecoder(preprocess, plan.index().hadoop());
        List<CachedFace> faces = new ArrayList<>(plan.split().validationImages());
        for (int s = 0; s < needed.length; s++) {
            if (needed[s]) {
                faces.addAll(decoder.read(plan.index().shards().get(s), persons::contains));
            }
        }
        return FaceSets.of(preprocess, faces.iterator());
    }
}
