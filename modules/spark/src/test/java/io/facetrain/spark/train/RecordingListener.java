package io.facetrain.spark.train;

import io.facetrain.core.train.TrainingListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every report a run sends (and prints it, so a test's output shows the run). */
final class RecordingListener implements TrainingListener {

    final List<ProgressReport> progress = Collections.synchronizedList(new ArrayList<>());
    final List<RoundReport> rounds = Collections.synchronizedList(new ArrayList<>());
    final List<CurvePoint> validations = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onProgress(ProgressReport report) {
        progress.add(report);
        System.out.println(report.line());
    }

    @Override
    public void onRound(RoundReport report) {
        rounds.add(report);
        System.out.println(report.line());
    }

    @Override
    public void onValidation(CurvePoint point) {
        validations.add(point);
        System.out.println(point.line());
    }
}
