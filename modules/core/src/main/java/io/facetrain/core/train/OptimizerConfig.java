package io.facetrain.core.train;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.List;
import java.util.Locale;

/**
 * The optimiser and its learning-rate schedule ({@code facetrain.train.optimizer}).
 *
 * @param name          adam (default), sgd or nesterovs
 * @param learningRate  peak learning rate
 * @param schedule      constant, cosine or step (see {@link WarmupDecaySchedule})
 * @param warmupSteps   steps of linear warm-up
 * @param finalFraction cosine: the learning rate at the last step, as a fraction of the peak
 * @param stepEvery     step: steps between decays
 * @param stepFactor    step: factor applied at each decay
 * @param beta1         Adam's first-moment decay
 * @param beta2         Adam's second-moment decay
 * @param epsilon       Adam's epsilon
 * @param momentum      Nesterov momentum
 */
public record OptimizerConfig(String name, double learningRate, String schedule, int warmupSteps, double finalFraction,
                              int stepEvery, double stepFactor, double beta1, double beta2, double epsilon,
                              double momentum) {

    public static final List<String> NAMES = List.of("adam", "sgd", "nesterovs");
    public static final List<String> SCHEDULES = List.of("constant", "cosine", "step");

    public OptimizerConfig {
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException("train.optimizer.name must be one of " + NAMES + ", got '" + name + "'");
        }
        if (!(learningRate > 0) || learningRate > 10) {
            throw new IllegalArgumentException("train.optimizer.learning-rate must be in (0, 10], got " + learningRate);
        }
        if (schedule == null || !SCHEDULES.contains(schedule)) {
            throw new IllegalArgumentException("train.optimizer.schedule must be one of " + SCHEDULES + ", got '"
                    + schedule + "'");
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("train.optimizer.warmup-steps must be >= 0, got " + warmupSteps);
        }
        if (!(finalFraction >= 0) || finalFraction > 1) {
            throw new IllegalArgumentException("train.optimizer.final-fraction must be in [0, 1], got " + finalFraction);
        }
        if (stepEvery < 1) {
            throw new IllegalArgumentException("train.optimizer.step-every must be >= 1, got " + stepEvery);
        }
        if (!(stepFactor > 0) || stepFactor > 1) {
            throw new IllegalArgumentException("train.optimizer.step-factor must be in (0, 1], got " + stepFactor);
        }
        if (!(beta1 >= 0) || beta1 >= 1 || !(beta2 >= 0) || beta2 >= 1) {
            throw new IllegalArgumentException("train.optimizer.beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || epsilon > 1) {
            throw new IllegalArgumentException("train.optimizer.epsilon must be in (0, 1], got " + epsilon);
        }
        if (!(momentum >= 0) || momentum >= 1) {
            throw new IllegalArgumentException("train.optimizer.momentum must be in [0, 1), got " + momentum);
        }
    }

    static OptimizerConfig read(SectionReader s) {
        return new OptimizerConfig(s.getString("name").trim().toLowerCase(Locale.ROOT), s.getDouble("learning-rate"),
                s.getString("schedule").trim().toLowerCase(Locale.ROOT), s.getInt("warmup-steps"),
                s.getDouble("final-fraction"), s.getInt("step-every"), s.getDouble("step-factor"),
                s.getDouble("beta1"), s.getDouble("beta2"), s.getDouble("epsilon"), s.getDouble("momentum"));
    }

    /** The ND4J optimiser, its learning rate following the schedule over {@code totalSteps} steps. */
    public IUpdater updater(long totalSteps) {
        WarmupDecaySchedule lr = new WarmupDecaySchedule(learningRate, warmupSteps, schedule,
                (int) Math.max(1, Math.min(Integer.MAX_VALUE, totalSteps)), finalFraction, stepEvery, stepFactor);
        switch (name) {
            case "sgd":
                return new Sgd(lr);
            case "nesterovs":
                return new Nesterovs(lr, momentum);
            default:
                return Adam.builder().learningRateSchedule(lr).beta1(beta1).beta2(beta2).epsilon(epsilon).build();
        }
    }
}
