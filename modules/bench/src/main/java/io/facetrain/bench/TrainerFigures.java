package io.facetrain.bench;

import io.facetrain.core.train.TrainingListener;
import io.facetrain.core.train.TrainingRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One trainer's run in the peer comparison.
 *
 * @param name         how the tables name it
 * @param workers      workers it trained with
 * @param result       what its {@link TrainingRun} produced (history with the validation curve, final evaluation)
 * @param stepOverhead exchange and barrier wait as a share of step time, for facetrain's distributed trainer
 */
record TrainerFigures(String name, int workers, TrainingRun.Result result, OptionalDouble stepOverhead) {

    TrainerFigures {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(stepOverhead, "stepOverhead");
        if (result.model().isEmpty()) {
            throw new IllegalArgumentException(name + ": the run has no final validation accuracy");
        }
    }

    /** The trained model's validation accuracy. */
    double finalAccuracy() {
        return result.model().orElseThrow().accuracyMean();
    }

    /**
     * Validation accuracy against training seconds: the untrained encoder at 0 s (when the run scored the
     * baseline), every validation during training, and the final evaluation at the end of training.
     */
    AccuracyCurve curve() {
        List<AccuracyCurve.Point> points = new ArrayList<>();
        result.untrained().ifPresent(u -> points.add(new AccuracyCurve.Point(0, u.accuracyMean())));
        for (TrainingListener.CurvePoint p : result.history().curve()) {
            points.add(new AccuracyCurve.Point(p.trainingSeconds(), p.accuracyMean()));
        }
        points.add(new AccuracyCurve.Point(result.history().trainingSeconds(), finalAccuracy()));
        return AccuracyCurve.of(points);
    }
}
