package io.facetrain.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Validation accuracy against training time of one trainer, and the time it first reached a given accuracy.
 * Between two validations the accuracy is taken to move linearly with time, so the time to a target is
 * interpolated between the last point below it and the first point at or above it (validations are minutes
 * apart in short runs: reading off the later point alone would round every trainer up to its next validation).
 */
public final class AccuracyCurve {

    /**
     * One validation.
     *
     * @param seconds  training time when it was taken (validation time excluded)
     * @param accuracy verification accuracy, in [0, 1]
     */
    public record Point(double seconds, double accuracy) {
        public Point {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("a curve point needs finite seconds >= 0, got " + seconds);
            }
            if (!(accuracy >= 0 && accuracy <= 1)) {
                throw new IllegalArgumentException("a curve point needs an accuracy in [0, 1], got " + accuracy);
            }
        }
    }

    private final List<Point> points;

    private AccuracyCurve(List<Point> points) {
        this.points = points;
    }

    /**
     * @param points validations in the order they were taken (training time never decreasing)
     * @throws IllegalArgumentException when there is no point or time goes backwards
     */
    public static AccuracyCurve of(List<Point> points) {
        Objects.requireNonNull(points, "points");
        if (points.isEmpty()) {
            throw new IllegalArgumentException("an accuracy curve needs at least one point");
        }
        List<Point> copy = new ArrayList<>(points.size());
        for (Point p : points) {
            Objects.requireNonNull(p, "point");
            if (!copy.isEmpty() && p.seconds() < copy.get(copy.size() - 1).seconds()) {
                throw new IllegalArgumentException("curve points must not go back in time: " + p.seconds()
                        + " s after " + copy.get(copy.size() - 1).seconds() + " s");
            }
            copy.add(p);
        }
        return new AccuracyCurve(List.copyOf(copy));
    }

    public List<Point> points() {
        return points;
    }

    /** The highest accuracy on the curve. */
    public double best() {
        double best = 0;
        for (Point p : points) {
            best = Math.max(best, p.accuracy());
        }
        return best;
    }

    /** The first point's accuracy (the untrained encoder's, when the curve starts with it). */
    public double first() {
        return points.get(0).accuracy();
    }

    /**
     * The highest accuracy after the first point, i.e. reached by training when the curve starts with the
     * untrained encoder; the first point's accuracy for a one-point curve.
     */
    public double bestAfterFirst() {
        if (points.size() == 1) {
            return first();
        }
        double best = 0;
        for (Point p : points.subList(1, points.size())) {
            best = Math.max(best, p.accuracy());
        }
        return best;
    }

    /** The last point's accuracy (the trained model's). */
    public double last() {
        return points.get(points.size() - 1).accuracy();
    }

    /**
     * Training seconds at which the curve first reaches {@code target}, interpolated linearly from the point
     * before; empty when it never does.
     */
    public OptionalDouble secondsToReach(double target) {
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (p.accuracy() >= target) {
                if (i == 0) {
                    return OptionalDouble.of(p.seconds());
                }
                Point before = points.get(i - 1);
                // before.accuracy() < target <= p.accuracy(), so the denominator is positive.
                double fraction = (target - before.accuracy()) / (p.accuracy() - before.accuracy());
                return OptionalDouble.of(before.seconds() + fraction * (p.seconds() - before.seconds()));
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * An accuracy every curve reaches: the lowest of the curves' best accuracies after their first point (what
     * the weakest trainer reaches by training within its budget; the first point, the untrained encoder, does
     * not count), rounded down to a multiple of {@code grid} so that the target is a round figure and not one
     * lucky validation of the weakest trainer.
     *
     * @param grid e.g. 0.005 for half a percentage point
     */
    public static double commonTarget(Collection<AccuracyCurve> curves, double grid) {
        Objects.requireNonNull(curves, "curves");
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("need at least one curve to choose a common target");
        }
        if (!(grid > 0) || grid > 1) {
            throw new IllegalArgumentException("grid must be in (0, 1], got " + grid);
        }
        double lowest = 1;
        for (AccuracyCurve c : curves) {
            lowest = Math.min(lowest, c.bestAfterFirst());
        }
        // The small epsilon keeps e.g. 0.9 / 0.005 = 179.99999 from flooring a whole grid step too low.
        return Math.floor(lowest / grid + 1e-9) * grid;
    }
}
