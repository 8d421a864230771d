package io.facetrain.spark.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facetrain.core.mining.MiningStats;
import io.facetrain.core.train.StepTimings;
import io.facetrain.core.train.TrainingHistory;
import io.facetrain.core.train.TrainingListener;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DriverCheckpoint} as JSON. Every number is written so that it reads back to the same bits (doubles
 * in Java's shortest round-trip form; NaN and infinities, which JSON lacks, as strings), so a resumed run's
 * history is the one the dead driver held.
 */
final class DriverCheckpointJson {

    /** Format tag of the file. */
    static final String FORMAT = "facetrain-driver-checkpoint/1";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DriverCheckpointJson() {
    }

    static ObjectNode write(DriverCheckpoint c) {
        ObjectNode n = NODES.objectNode();
        n.put("format", FORMAT);
        n.put("rounds-done", c.roundsDone());
        n.set("fingerprint", c.fingerprint().toJson());
        ArrayNode resumed = n.putArray("resumed-after-rounds");
        c.resumedAfter().forEach(resumed::add);
        TrainingHistory h = c.history();
        ObjectNode history = n.putObject("history");
        history.put("steps", h.steps());
        history.put("images-seen", h.imagesSeen());
        putDouble(history, "training-seconds", h.trainingSeconds());
        putDouble(history, "wall-seconds", h.wallSeconds());
        history.put("stopped-by-budget", h.stoppedByBudget());
        history.set("timings", timings(h.timings()));
        ArrayNode rounds = history.putArray("rounds");
        for (TrainingListener.RoundReport r : h.rounds()) {
            ObjectNode o = rounds.addObject();
            o.put("round", r.round());
            o.put("steps", r.steps());
            putDouble(o, "mean-loss", r.meanLoss());
            putDouble(o, "active-fraction", r.activeFraction());
            o.set("round-mining", mining(r.roundMining()));
            o.set("step-mining", mining(r.stepMining()));
            putDouble(o, "images-per-second", r.imagesPerSecond());
            o.set("timings", timings(r.timings()));
            putDouble(o, "embed-seconds", r.embedSeconds());
            o.put("resident-bytes", r.residentBytes());
            putDouble(o, "elapsed-seconds", r.elapsedSeconds());
        }
        ArrayNode curve = history.putArray("curve");
        for (TrainingListener.CurvePoint p : h.curve()) {
            ObjectNode o = curve.addObject();
            o.put("round", p.round());
            o.put("step", p.step());
            putDouble(o, "training-seconds", p.trainingSeconds());
            putDouble(o, "wall-seconds", p.wallSeconds());
            o.put("images-seen", p.imagesSeen());
            putDouble(o, "accuracy-mean", p.accuracyMean());
            putDouble(o, "accuracy-std", p.accuracyStd());
            putDouble(o, "auc", p.auc());
        }
        return n;
    }

    /**
     * @param source names the file in error messages
     * @throws IllegalArgumentException naming the source and the field when {@code n} is not a driver checkpoint
     */
    static DriverCheckpoint read(JsonNode n, String source) {
        try {
            if (!FORMAT.equals(n.path("format").asText())) {
                throw new IllegalArgumentException("format is '" + n.path("format").asText() + "', expected " + FORMAT);
            }
            JsonNode h = field(n, "history");
            List<TrainingListener.RoundReport> rounds = new ArrayList<>();
            for (JsonNode o : array(h, "rounds")) {
                rounds.add(new TrainingListener.RoundReport(integer(o, "round"), integer(o, "steps"),
                        number(o, "mean-loss"), number(o, "active-fraction"), mining(field(o, "round-mining")),
                        mining(field(o, "step-mining")), number(o, "images-per-second"), timings(field(o, "timings")),
                        number(o, "embed-seconds"), longInt(o, "resident-bytes"), number(o, "elapsed-seconds")));
            }
            List<TrainingListener.CurvePoint> curve = new ArrayList<>();
            for (JsonNode o : array(h, "curve")) {
                curve.add(new TrainingListener.CurvePoint(integer(o, "round"), longInt(o, "step"),
                        number(o, "training-seconds"), number(o, "wall-seconds"), longInt(o, "images-seen"),
                        number(o, "accuracy-mean"), number(o, "accuracy-std"), number(o, "auc")));
            }
            TrainingHistory history = new TrainingHistory(rounds, curve, longInt(h, "steps"), longInt(h, "images-seen"),
                    number(h, "training-seconds"), number(h, "wall-seconds"), bool(h, "stopped-by-budget"),
                    timings(field(h, "timings")));
            List<Integer> resumed = new ArrayList<>();
            for (JsonNode r : array(n, "resumed-after-rounds")) {
                if (!r.canConvertToInt()) {
                    throw new IllegalArgumentException("resumed-after-rounds holds '" + r + "', not a round");
                }
                resumed.add(r.asInt());
            }
            DriverCheckpoint checkpoint = new DriverCheckpoint(RunFingerprint.fromJson(field(n, "fingerprint")), history,
                    resumed);
            if (checkpoint.roundsDone() != integer(n, "rounds-done")) {
                throw new IllegalArgumentException("rounds-done is " + integer(n, "rounds-done") + " but the history holds "
                        + checkpoint.roundsDone() + " rounds");
            }
            return checkpoint;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not a valid driver checkpoint: " + e.getMessage(), e);
        }
    }

    private static ObjectNode timings(StepTimings t) {
        ObjectNode o = NODES.objectNode();
        o.put("data-nanos", t.dataNanos());
        o.put("forward-nanos", t.forwardNanos());
        o.put("loss-nanos", t.lossNanos());
        o.put("backward-nanos", t.backwardNanos());
        o.put("update-nanos", t.updateNanos());
        return o;
    }

    private static StepTimings timings(JsonNode o) {
        return new StepTimings(longInt(o, "data-nanos"), longInt(o, "forward-nanos"), longInt(o, "loss-nanos"),
                longInt(o, "backward-nanos"), longInt(o, "update-nanos"));
    }

    private static ObjectNode mining(MiningStats s) {
        ObjectNode o = NODES.objectNode();
        o.put("considered", s.considered());
        o.put("easy", s.easy());
        o.put("semi-hard", s.semiHard());
        o.put("hard", s.hard());
        o.put("positive-pairs", s.positivePairs());
        putDouble(o, "positive-distance-sum", s.positiveDistanceSum());
        o.put("negative-pairs", s.negativePairs());
        putDouble(o, "negative-distance-sum", s.negativeDistanceSum());
        o.put("selected", s.selected());
        return o;
    }

    private static MiningStats mining(JsonNode o) {
        return new MiningStats(longInt(o, "considered"), longInt(o, "easy"), longInt(o, "semi-hard"), longInt(o, "hard"),
                longInt(o, "positive-pairs"), number(o, "positive-distance-sum"), longInt(o, "negative-pairs"),
                number(o, "negative-distance-sum"), longInt(o, "selected"));
    }

    private static void putDouble(ObjectNode o, String key, double value) {
        if (Double.isFinite(value)) {
            o.put(key, value);
        } else {
            o.put(key, Double.toString(value));
        }
    }

    private static JsonNode field(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field " + key);
        }
        return v;
    }

    private static Iterable<JsonNode> array(JsonNode n, String key) {
        JsonNode v = field(n, key);
        if (!v.isArray()) {
            throw new IllegalArgumentException(key + " is not an array");
        }
        return v;
    }

    private static double number(JsonNode n, String key) {
        JsonNode v = field(n, key);
        if (v.isNumber()) {
            return v.doubleValue();
        }
        String text = v.asText();
        if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
            return Double.parseDouble(text);
        }
        throw new IllegalArgumentException(key + " is '" + text + "', not a number");
    }

    private static long longInt(JsonNode n, String key) {
        JsonNode v = field(n, key);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(key + " is '" + v + "', not an integer");
        }
        return v.longValue();
    }

    private static int integer(JsonNode n, String key) {
        long v = longInt(n, key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " is " + v + ", out of range");
        }
        return (int) v;
    }

    private static boolean bool(JsonNode n, String key) {
        JsonNode v = field(n, key);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(key + " is '" + v + "', not true or false");
        }
        return v.booleanValue();
    }
}
