package io.facetrain.spark.train;

import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.train.StepTimings;
import io.facetrain.core.train.TrainingHistory;
import io.facetrain.core.train.TrainingListener;
import io.facetrain.paramserver.ServerState;
import io.facetrain.paramserver.UpdatePlan;
import org.nd4j.linalg.learning.config.Adam;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Server states and driver histories for checkpoint tests, without training anything. */
final class CheckpointFixtures {

    static final int STEPS_PER_ROUND = 5;

    private CheckpointFixtures() {
    }

    /** A fingerprint of made-up settings and data. */
    static RunFingerprint fingerprint(String margin) {
        TreeMap<String, String> settings = new TreeMap<>();
        settings.put("train.mining.margin", margin);
        settings.put("train.seed", "1");
        settings.put(RunFingerprint.WORKERS, "2");
        return new RunFingerprint(settings, "sha256:00ff", 60, 12);
    }

    /** The history of {@code rounds} rounds, its numbers irregular (a NaN loss among them) so a codec must keep every bit. */
    static TrainingHistory history(int rounds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TrainingListener.RoundReport> reports = new ArrayList<>();
        List<TrainingListener.CurvePoint> curve = new ArrayList<>();
        StepTimings all = StepTimings.ZERO;
        for (int r = 1; r <= rounds; r++) {
            StepTimings t = new StepTimings(random.nextLong(1, 1L << 40), random.nextLong(1, 1L << 40), 17, 0, 3);
            MiningStats m = new MiningStats(r * 100L, 40, 30, 30, 77, random.nextDouble() * 1e3, 1234,
                    random.nextDouble(), 12);
            reports.add(new TrainingListener.RoundReport(r, STEPS_PER_ROUND, r == 2 ? Double.NaN : random.nextDouble(),
                    random.nextDouble(), m, MiningStats.EMPTY, random.nextDouble() * 300, t, 0.1 / 3, -1,
                    r * Math.PI));
            curve.add(new TrainingListener.CurvePoint(r, (long) r * STEPS_PER_ROUND, r * Math.E, r * 7.25,
                    r * 96L, 0.5 + random.nextDouble() / 3, Double.POSITIVE_INFINITY, 1.0 / 7));
            all = all.plus(t);
        }
        return new TrainingHistory(reports, curve, (long) rounds * STEPS_PER_ROUND, rounds * 96L, rounds * Math.PI,
                rounds * 7.5 + 1e-9, false, all);
    }

    /** A server state at the version {@link #history(int, long)} ends at, with Adam state. */
    static ServerState server(int rounds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 50;
        float[] parameters = new float[n];
        for (int i = 0; i < n; i++) {
            parameters[i] = (float) random.nextGaussian();
        }
        UpdatePlan plan = UpdatePlan.uniform(new Adam(1e-3), n);
        float[] state = new float[Math.toIntExact(plan.stateSize())];
        for (int i = 0; i < state.length; i++) {
            state[i] = (float) random.nextDouble();
        }
        return new ServerState((long) rounds * STEPS_PER_ROUND, plan, parameters, state);
    }
}
