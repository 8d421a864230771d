package io.facetrain.bench;

import io.facetrain.core.loss.TripletLoss;
import io.facetrain.core.mining.SemiHardMiner;
import io.facetrain.core.nn.Architecture;
import io.facetrain.core.nn.Encoder;
import io.facetrain.core.nn.EncoderBuilder;
import io.facetrain.core.nn.EncoderFlops;
import io.facetrain.core.nn.EncoderGraph;
import io.facetrain.core.nn.EncoderSpec;
import io.facetrain.core.nn.InputShape;
import io.facetrain.core.nn.LayerImplementation;
import io.facetrain.core.train.LocalUpdateStep;
import io.facetrain.core.train.Minibatch;
import io.facetrain.core.train.ResidentMemory;
import io.facetrain.core.train.StepGradient;
import io.facetrain.core.train.StepTimings;
import io.facetrain.core.train.TripletGradientComputer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Training throughput on this machine, in one run: the sgemm rate ND4J reaches, then for each encoder
 * images/s, the time split of a step (forward, mining + loss, backward, update), the model's training FLOP/s
 * and its fraction of the sgemm rate, inference images/s, and resident memory; each encoder with the fast
 * layers and with DL4J's stock layers, on P×K batches (each image embedded once) and, for comparison, DL4J's
 * own {@code fit()} on the [anchors; positives; negatives] layout.
 *
 * <pre>
 * usage: TrainingBench [--steps N] [--batch P:K] [--profile] ARCH:SIZE:WIDTH[:nobn] ...
 *   e.g. TrainingBench resnet:64:32 resnet:96:32 resnet:96:32:nobn plain:64:16
 * </pre>
 * Run it by hand (see docs/benchmarks.md), alone on the machine for stable figures.
 */
public final class TrainingBench {

    private TrainingBench() {
    }

    public static void main(String[] args) {
        int steps = 12;
        int persons = 16;
        int perPerson = 4;
        boolean profile = false;
        List<String> encoders = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--steps":
                    steps = Integer.parseInt(args[++i]);
                    break;
                case "--batch":
                    String[] pk = args[++i].split(":");
                    persons = Integer.parseInt(pk[0]);
                    perPerson = Integer.parseInt(pk[1]);
                    break;
                case "--profile":
                    profile = true;
                    break;
                default:
                    encoders.add(args[i]);
            }
        }
        if (encoders.isEmpty()) {
            encoders = List.of("resnet:64:32", "resnet:96:32", "resnet:96:32:nobn", "plain:64:16");
        }
        System.out.printf(Locale.ROOT, "threads: OMP_NUM_THREADS=%s, available processors %d%n",
                System.getenv("OMP_NUM_THREADS"), Runtime.getRuntime().availableProcessors());
        double gemm1024 = sgemm(1024, 10);
        double gemm2048 = sgemm(2048, 3);
        System.out.printf(Locale.ROOT, "sgemm: %.1f GFLOP/s (1024²), %.1f GFLOP/s (2048²)%n", gemm1024, gemm2048);
        double reference = Math.max(gemm1024, gemm2048);
        for (String e : encoders) {
            EncoderSpec spec = parse(e);
            for (LayerImplementation layers : LayerImplementation.values()) {
                measure(spec, layers, steps, persons, perPerson, reference);
            }
            dl4jFit(spec, steps, persons * perPerson, reference);
            if (profile) {
                profile(spec, persons, perPerson);
            }
        }
        System.out.printf(Locale.ROOT, "sgemm again: %.1f GFLOP/s (1024²); resident memory %d MB%n", sgemm(1024, 10),
                ResidentMemory.bytes() >> 20);
    }

    private static EncoderSpec parse(String s) {
        String[] p = s.split(":");
        int size = Integer.parseInt(p[1]);
        return EncoderSpec.builder().architecture(Architecture.fromConfigName(p[0]))
                .inputShape(InputShape.image(size, size, 3)).width(Integer.parseInt(p[2]))
                .batchNorm(!(p.length > 3 && p[3].equals("nobn"))).build();
    }

    private static void measure(EncoderSpec spec, LayerImplementation layers, int steps, int persons, int perPerson,
                                double gemm) {
        EncoderGraph graph = new EncoderGraph(EncoderBuilder.configuration(spec, new Adam(1e-3), layers));
        graph.init();
        Encoder encoder = Encoder.wrap(spec, graph);
        EncoderFlops flops = EncoderFlops.of(graph.getConfiguration(), spec.inputShape());
        int[] labels = pkLabels(persons, perPerson);
        float[] inputs = gaussian(1, labels.length * spec.inputShape().elementsPerExample());
        Random random = new Random(2);
        try (TripletGradientComputer computer = new TripletGradientComputer(encoder, new TripletLoss(0.2),
                new SemiHardMiner(0.2)); LocalUpdateStep update = new LocalUpdateStep(encoder.parameterLayout())) {
            for (int i = 0; i < 3; i++) {
                update.apply(computer.compute(Minibatch.forOnlineMining(inputs, labels), i, 0, random), encoder.parameters());
            }
            StepTimings total = StepTimings.ZERO;
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                StepGradient g = computer.compute(Minibatch.forOnlineMining(inputs, labels), 3 + i, 0, random);
                long t1 = System.nanoTime();
                update.apply(g, encoder.parameters());
                long t2 = System.nanoTime();
                StepTimings c = computer.lastTimings();
                total = total.plus(new StepTimings(0, c.forwardNanos(), c.lossNanos(), (t1 - t0) - c.forwardNanos()
                        - c.lossNanos(), t2 - t1));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double imagesPerSecond = steps * labels.length / seconds;
            double gflops = imagesPerSecond * flops.trainingPerExample() / 1e9;
            long inferStart = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                encoder.embed(inputs, labels.length);
            }
            double inferPerSecond = steps * labels.length / ((System.nanoTime() - inferStart) / 1e9);
            System.out.printf(Locale.ROOT, "%-26s %-5s %8d params %6.1f MFLOP/img | train %6.1f img/s %5.1f GFLOP/s "
                            + "(%4.1f%% of sgemm) [%s] | infer %6.1f img/s | rss %d MB%n",
                    spec.architecture().configName() + ":" + spec.inputShape().height() + ":" + spec.width()
                            + (spec.batchNorm() ? "" : ":nobn"), layers, encoder.parameterCount(),
                    flops.forwardPerExample() / 1e6, imagesPerSecond, gflops, 100 * gflops / gemm, total.shares(),
                    inferPerSecond, ResidentMemory.bytes() >> 20);
        }
    }

    /** DL4J's own training loop on the [anchors; positives; negatives] layout, with its stock layers. */
    private static void dl4jFit(EncoderSpec spec, int steps, int rows, double gemm) {
        int triplets = rows / 3;
        ComputationGraph net = new ComputationGraph(EncoderBuilder.withStackedTripletLoss(spec, new Adam(1e-3), 0.2,
                LayerImplementation.DL4J));
        net.init();
        EncoderFlops flops = EncoderFlops.of(EncoderBuilder.configuration(spec, new Adam(1e-3)), spec.inputShape());
        INDArray features = Nd4j.create(gaussian(3, 3 * triplets * spec.inputShape().elementsPerExample()),
                spec.inputShape().batchShape(3L * triplets), 'c');
        MultiDataSet data = new MultiDataSet(features, Nd4j.zeros(DataType.FLOAT, 3L * triplets, spec.embeddingDim()));
        for (int i = 0; i < 3; i++) {
            net.fit(data);
        }
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            net.fit(data);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double imagesPerSecond = steps * 3.0 * triplets / seconds;
        double gflops = imagesPerSecond * flops.trainingPerExample() / 1e9;
        System.out.printf(Locale.ROOT, "%-26s %-5s DL4J fit() on [a;p;n] | train %6.1f img/s %5.1f GFLOP/s (%4.1f%% of "
                        + "sgemm), %.1f triplets/s at %d triplets per step%n", "", "DL4J", imagesPerSecond, gflops,
                100 * gflops / gemm, steps * (double) triplets / seconds, triplets);
    }

    /** Where the time of a few fast-layer steps goes, by ND4J operation. */
    private static void profile(EncoderSpec spec, int persons, int perPerson) {
        Encoder encoder = Encoder.create(spec, new Adam(1e-3));
        int[] labels = pkLabels(persons, perPerson);
        float[] inputs = gaussian(1, labels.length * spec.inputShape().elementsPerExample());
        Random random = new Random(2);
        try (TripletGradientComputer computer = new TripletGradientComputer(encoder, new TripletLoss(0.2),
                new SemiHardMiner(0.2))) {
            computer.compute(Minibatch.forOnlineMining(inputs, labels), 0, 0, random);
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true)
                    .checkWorkspaces(false).build());
            OpProfiler.getInstance().reset();
            for (int i = 0; i < 3; i++) {
                computer.compute(Minibatch.forOnlineMining(inputs, labels), 1 + i, 0, random);
            }
            OpProfiler.getInstance().printOutDashboard();
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
        }
    }

    private static double sgemm(int size, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, size, size);
        INDArray b = Nd4j.rand(DataType.FLOAT, size, size);
        INDArray c = a.mmul(b);
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            a.mmuli(b, c);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        a.close();
        b.close();
        c.close();
        return 2.0 * size * size * size * reps / seconds / 1e9;
    }

    private static float[] gaussian(long seed, int n) {
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** Person labels of a P×K batch: K consecutive rows per person. */
    private static int[] pkLabels(int persons, int perPerson) {
        int[] labels = new int[persons * perPerson];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / perPerson;
        }
        return labels;
    }
}
