package io.facetrain.spark.train;

import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.train.LocalUpdateStep;
import io.facetrain.core.train.RoundRunner;
import io.facetrain.core.train.StepGradient;
import io.facetrain.core.train.TrainingConfig;
import io.facetrain.core.train.UpdateStep;
import org.apache.hadoop.conf.Configuration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The single-process reference for the distributed trainer, without Spark and without a parameter server:
 * W workers' rounds (same partitions, seeds and round runner as the Spark tasks) in W threads of this JVM,
 * whose every step is combined exactly as the server combines it (triplet-weighted mean, float shares,
 * worker order) and applied once by the single-process optimiser ({@link LocalUpdateStep}) to one
 * parameter vector, which every worker then continues from.
 */
final class LockstepWorkers {

    private static final long STEP_TIMEOUT_SECONDS = 120;

    private final TrainingConfig config;
    private final List<FaceImageSet> partitions;

    private LockstepWorkers(TrainingConfig config, List<FaceImageSet> partitions) {
        this.config = config;
        this.partitions = partitions;
    }

    /** The workers of a plan, their images decoded from the dataset as the executors decode them. */
    static LockstepWorkers of(TrainingConfig config, DistributedTrainer.Plan plan) {
        ShardDecoder decoder = new ShardDecoder(config.preprocess(), new Configuration());
        List<FaceImageSet> partitions = new ArrayList<>();
        for (int w = 0; w < plan.assignment().workers(); w++) {
            int worker = w;
            List<CachedFace> faces = new ArrayList<>();
            for (String shard : plan.index().shards()) {
                faces.addAll(decoder.read(shard, p -> plan.assignment().workerOf(p) == worker));
            }
            partitions.add(FaceSets.of(config.preprocess(), faces.iterator()));
        }
        return new LockstepWorkers(config, partitions);
    }

    /** Trains for the configured rounds from the configured encoder's initial parameters; returns the final ones. */
    float[] train() throws Exception {
        Encoder initial = RunEncoders.create(config);
        int workers = partitions.size();
        int steps = config.run().stepsPerRound();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try (LocalUpdateStep optimiser = new LocalUpdateStep(initial.parameterLayout());
             INDArray shared = initial.parameters().dup()) {
            Combiner combiner = new Combiner(workers, optimiser, shared);
            for (int round = 0; round < config.run().rounds(); round++) {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    int worker = w;
                    int r = round;
                    running.add(pool.submit(() -> {
                        Encoder encoder = RunEncoders.create(config);
                        encoder.setParameters(shared);
                        try (RoundRunner runner = new RoundRunner(config, encoder, partitions.get(worker),
                                WorkerSeeds.of(config.seed(), worker, r))) {
                            runner.run(r, (long) r * steps, steps, combiner.stepOf(worker),
                                    RoundRunner.StepListener.NONE);
                        } finally {
                            encoder.graph().close();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get(STEP_TIMEOUT_SECONDS * steps, TimeUnit.SECONDS);
                }
            }
            return shared.toFloatVector();
        } finally {
            pool.shutdownNow();
            initial.graph().close();
        }
    }

    /** Collects one gradient per worker, then (in the last worker to arrive) applies their weighted mean. */
    private static final class Combiner {
        private final LocalUpdateStep optimiser;
        private final INDArray shared;
        private final float[][] gradients;
        private final double[] weights;
        private final long[] iterations;
        private final int[] epochs;
        private final CyclicBarrier barrier;

        Combiner(int workers, LocalUpdateStep optimiser, INDArray shared) {
            this.optimiser = optimiser;
            this.shared = shared;
            this.gradients = new float[workers][];
            this.weights = new double[workers];
            this.iterations = new long[workers];
            this.epochs = new int[workers];
            this.barrier = new CyclicBarrier(workers, this::combine);
        }

        UpdateStep stepOf(int worker) {
            return new UpdateStep() {
                @Override
                public void apply(StepGradient gradient, INDArray parameters) {
                    gradients[worker] = gradient.gradient().toFloatVector();
                    weights[worker] = ParameterServerUpdateStep.weightOf(gradient);
                    iterations[worker] = gradient.iteration();
                    epochs[worker] = gradient.epoch();
                    try {
                        barrier.await(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted in step " + gradient.iteration(), e);
                    } catch (BrokenBarrierException | TimeoutException e) {
                        throw new IllegalStateException("step " + gradient.iteration() + " did not complete", e);
                    }
                    parameters.assign(shared.reshape(parameters.shape()));
                }

                @Override
                public void close() {
                }
            };
        }

        private void combine() {
            for (long iteration : iterations) {
                if (iteration != iterations[0]) {
                    throw new IllegalStateException("workers pushed different steps: " + Arrays.toString(iterations));
                }
            }
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            int n = gradients[0].length;
            float[] mean = new float[n];
            for (int k = 0; k < gradients.length; k++) {
                float share = (float) (weights[k] / total);
                for (int i = 0; i < n; i++) {
                    mean[i] = k == 0 ? share * gradients[k][i] : mean[i] + share * gradients[k][i];
                }
            }
            try (INDArray g = Nd4j.create(mean, new long[] {1, n}, 'c')) {
                optimiser.apply(new StepGradient(iterations[0], epochs[0], g, 1, 1, 0, 1, MiningStats.EMPTY), shared);
            }
        }
    }
}
