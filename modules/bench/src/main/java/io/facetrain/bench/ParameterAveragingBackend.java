package io.facetrain.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.eval.VerificationResult;
import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.EncoderBuilder;
import io.facetrain.core.nn.LayerImplementation;
import io.facetrain.core.train.MiningConfig;
import io.facetrain.core.train.ResidentMemory;
import io.facetrain.core.train.RoundMiner;
import io.facetrain.core.train.RunConfig;
import io.facetrain.core.train.StepTimings;
import io.facetrain.core.train.Trainer;
import io.facetrain.core.train.TrainingBackend;
import io.facetrain.core.train.TrainingConfig;
import io.facetrain.core.train.TrainingHistory;
import io.facetrain.core.train.TrainingListener;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The peer: DL4J's own way to train a network on Spark, {@link ParameterAveragingTrainingMaster} through
 * {@link SparkComputationGraph}, on the run's encoder (same architecture, layers and initial parameters)
 * with the triplet loss as a DL4J loss layer on [anchors; positives; negatives] DataSets.
 *
 * <p>DL4J's masters fit fixed DataSets and have no place to mine inside a step, so every round goes the
 * established way: mine semi-hard triplets with the current network on the driver ({@link DriverTripletMiner}:
 * the same miner and P×K groups as facetrain), cut them into {@code workers × steps-per-round} minibatches of
 * {@code triplets-per-batch} triplets, and fit them with parameter averaging: the DataSets are built on the
 * executors from the broadcast training images (training augmentation applied, {@link TripletDataSets}), each
 * worker fits {@code averaging-frequency} of them on its copy of the network, then the driver averages
 * parameters and updater state. Every worker therefore takes {@code steps-per-round} minibatch steps per
 * round, as a facetrain worker does.
 *
 * <p>Training time counts the mining, building the DataSets and the fit (validation excluded), and the time
 * budget is checked between rounds, both as in facetrain's distributed trainer.
 */
final class ParameterAveragingBackend implements TrainingBackend {

    private static final Logger LOG = LoggerFactory.getLogger(ParameterAveragingBackend.class);

    /** Groups mined per round beyond what the wanted triplets need, at most (as facetrain's round miner allows). */
    private static final int GROUP_ALLOWANCE = 4;

    private final JavaSparkContext sc;
    private final TrainingConfig config;
    private final FaceImageSet train;
    private final int workers;
    private final int averagingFrequency;
    private final TrainingListener listener;

    /**
     * @param train              the training persons' images (on the driver, where mining happens)
     * @param workers            Spark workers (partitions) fitting in parallel
     * @param averagingFrequency minibatches each worker fits between two parameter averagings
     */
    ParameterAveragingBackend(JavaSparkContext sc, TrainingConfig config, FaceImageSet train, int workers,
                              int averagingFrequency, TrainingListener listener) {
        this.sc = Objects.requireNonNull(sc, "sc");
        this.config = Objects.requireNonNull(config, "config");
        this.train = Objects.requireNonNull(train, "train");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
        }
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("--averaging-frequency must be >= 1, got " + averagingFrequency);
        }
        this.workers = workers;
        this.averagingFrequency = averagingFrequency;
    }

    @Override
    public TrainingHistory train(Encoder encoder, Trainer.Validator validator) {
        RunConfig run = config.run();
        MiningConfig m = config.mining();
        int rows = 3 * m.tripletsPerBatch();
        ComputationGraph net = new ComputationGraph(EncoderBuilder.withStackedTripletLoss(encoder.spec(),
                config.optimizer().updater(run.totalSteps()), m.margin(), LayerImplementation.FAST));
        net.init(encoder.parameters(), true);
        // Each RDD element is one minibatch: batchSizePerWorker = its rows keeps the [a;p;n] layout intact.
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(workers, rows)
                .batchSizePerWorker(rows)
                .averagingFrequency(averagingFrequency)
                .workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                // Our partitions are already one per worker with equal counts: no shuffle of the DataSets.
                .repartionData(Repartition.NumPartitionsWorkersDiffers)
                .saveUpdater(true)
                .rngSeed(config.seed())
                .collectTrainingStats(false)
                .build();
        SparkComputationGraph spark = new SparkComputationGraph(sc, net, master);
        try {
            return rounds(spark, encoder, validator, rows);
        } finally {
            spark.getNetwork().close();
        }
    }

    private TrainingHistory rounds(SparkComputationGraph spark, Encoder encoder, Trainer.Validator validator, int rows) {
        RunConfig run = config.run();
        MiningConfig m = config.mining();
        long seed = config.seed();
        DriverTripletMiner miner = new DriverTripletMiner(train, m, seed * 31 + 4);
        Random augmentationSeeds = new Random(seed * 31 + 2);
        Broadcast<ShippedFaces> faces = sc.broadcast(ShippedFaces.of(train));
        try {
            TripletDataSets builder = new TripletDataSets(faces, encoder.spec().inputShape().batchShape(1),
                    encoder.spec().embeddingDim(), new int[] {m.personsPerBatch(), m.imagesPerPerson(),
                    m.singleNegatives()});
            int stepsPerRound = run.stepsPerRound();
            int wanted = workers * stepsPerRound * m.tripletsPerBatch();
            int perGroup = Math.max(1, m.personsPerBatch() * m.imagesPerPerson() * (m.imagesPerPerson() - 1));
            int maxGroups = 1 + GROUP_ALLOWANCE * ((wanted + perGroup - 1) / perGroup);
            long budgetNanos = run.timeBudget().toNanos();
            long wallStart = System.nanoTime();
            long trainingNanos = 0;
            long fitNanos = 0;
            long imagesSeen = 0;
            long steps = 0;
            boolean budgetHit = false;
            List<TrainingListener.RoundReport> reports = new ArrayList<>();
            List<TrainingListener.CurvePoint> curve = new ArrayList<>();
            for (int round = 0; round < run.rounds() && !budgetHit; round++) {
                long roundStart = System.nanoTime();
                RoundMiner.Result mined = miner.mine(encoder, wanted, maxGroups);
                List<TripletBatch> batches = batches(mined, m.tripletsPerBatch(), augmentationSeeds);
                long fitStart = System.nanoTime();
                long cleanupNanos = fit(spark, builder, batches);
                long roundFitNanos = System.nanoTime() - fitStart - cleanupNanos;
                encoder.setParameters(spark.getNetwork().params());
                trainingNanos += System.nanoTime() - roundStart - cleanupNanos;
                fitNanos += roundFitNanos;
                int roundSteps = batches.size() / workers;
                steps += roundSteps;
                long roundImages = (long) batches.size() * rows;
                imagesSeen += roundImages;
                budgetHit = budgetNanos > 0 && trainingNanos >= budgetNanos;
                // DL4J scores the mean over all 3n rows of a loss carried by the n anchor rows: 3x is the mean
                // triplet loss (of the last averaging period).
                double meanLoss = 3 * spark.getScore();
                TrainingListener.RoundReport report = new TrainingListener.RoundReport(round + 1, roundSteps, meanLoss,
                        mined.stats().fractionActive(), mined.stats(), MiningStats.EMPTY,
                        roundImages / Math.max(1e-9, roundFitNanos / 1e9),
                        new StepTimings(0, 0, 0, roundFitNanos, 0), (fitStart - roundStart) / 1e9,
                        ResidentMemory.bytes(), trainingNanos / 1e9);
                reports.add(report);
                listener.onRound(report);
                LOG.info("parameter averaging round {}: {} triplets mined, {} minibatches of {} rows, DL4J iteration {}",
                        round + 1, mined.size(), batches.size(), rows, spark.getNetwork().getIterationCount());
                boolean last = round == run.rounds() - 1 || budgetHit;
                int every = config.validation().everyRounds();
                if (validator != null && every > 0 && (round + 1) % every == 0 && !last) {
                    VerificationResult v = validator.validate(encoder);
                    TrainingListener.CurvePoint point = new TrainingListener.CurvePoint(round + 1, steps,
                            trainingNanos / 1e9, (System.nanoTime() - wallStart) / 1e9, imagesSeen, v.accuracyMean(),
                            v.accuracyStd(), v.auc());
                    curve.add(point);
                    listener.onValidation(point);
                }
            }
            // DL4J's fit builds the DataSets, runs forward, backward, update and averaging in one call: its time is
            // recorded as backward; the round-start mining on the driver is outside the step time, as in facetrain.
            return new TrainingHistory(reports, curve, steps, imagesSeen, trainingNanos / 1e9,
                    (System.nanoTime() - wallStart) / 1e9, budgetHit, new StepTimings(0, 0, 0, fitNanos, 0));
        } finally {
            faces.destroy();
        }
    }

    /**
     * Fits a round's minibatches: one {@code fit} per averaging period, each over {@code workers ×
     * averaging-frequency} minibatches in {@code workers} equal partitions, so that DL4J neither splits nor
     * repartitions them: every worker fits its own partition's minibatches, then parameters are averaged.
     * The DataSets are built on the executors and cached for the fit (DL4J counts them before fitting).
     *
     * @return time spent freeing the DataSets' off-heap arrays after each fit, which is not DL4J's training
     *         (a plain DL4J job would leave them to the garbage collector) and is not counted as training time
     */
    private long fit(SparkComputationGraph spark, TripletDataSets builder, List<TripletBatch> batches) {
        int period = workers * averagingFrequency;
        long cleanupNanos = 0;
        for (int from = 0; from < batches.size(); from += period) {
            List<TripletBatch> part = batches.subList(from, Math.min(batches.size(), from + period));
            JavaRDD<DataSet> data = sc.parallelize(part, workers).mapPartitions(builder)
                    .persist(StorageLevel.MEMORY_ONLY());
            try {
                spark.fit(data);
            } finally {
                long cleanupStart = System.nanoTime();
                data.foreach(ParameterAveragingBackend::close);
                data.unpersist(false);
                cleanupNanos += System.nanoTime() - cleanupStart;
            }
        }
        return cleanupNanos;
    }

    /** Frees a fitted DataSet's arrays (run on the executor that cached it). */
    private static void close(DataSet d) {
        d.getFeatures().close();
        d.getLabels().close();
    }

    /**
     * The round's minibatches: consecutive runs of {@code tripletsPerBatch} mined triplets, as many whole
     * batches as divide evenly over the workers (every worker takes the same steps). When mining found fewer
     * triplets than one batch per worker, the found ones are repeated to fill them.
     */
    private List<TripletBatch> batches(RoundMiner.Result mined, int tripletsPerBatch, Random augmentationSeeds) {
        if (mined.size() == 0) {
            throw new IllegalStateException("mining found no triplet in this round (all " + mined.stats().considered()
                    + " considered were easy); the parameter-averaging peer has nothing to fit");
        }
        int count = Math.max(workers, mined.size() / tripletsPerBatch / workers * workers);
        List<TripletBatch> batches = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            int[] a = new int[tripletsPerBatch];
            int[] p = new int[tripletsPerBatch];
            int[] n = new int[tripletsPerBatch];
            for (int i = 0; i < tripletsPerBatch; i++) {
                int t = (b * tripletsPerBatch + i) % mined.size();
                a[i] = mined.anchors()[t];
                p[i] = mined.positives()[t];
                n[i] = mined.negatives()[t];
            }
            batches.add(new TripletBatch(a, p, n, augmentationSeeds.nextLong()));
        }
        return batches;
    }

    @Override
    public void describe(ObjectNode provenance) {
        ObjectNode d = provenance.putObject("distributed");
        d.put("workers", workers);
        d.put("spark-master", sc.master());
        d.put("synchronisation", "DL4J ParameterAveragingTrainingMaster, parameters and updater state averaged every "
                + averagingFrequency + " minibatches per worker; triplets mined on the driver every round");
    }
}
