package io.facetrain.core.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Renders an {@link EvaluationReports} as a JSON tree; the field layout is documented in docs/evaluation.md. */
final class ReportJson {

    /** How many CMC points (rank 1..k) the JSON lists. */
    private static final int CMC_RANKS = 10;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    static String render(EvaluationReports report) {
        try {
            return MAPPER.writeValueAsString(tree(report));
        } catch (IOException e) {
            // Writing a tree of plain nodes to a String cannot fail for I/O reasons.
            throw new UncheckedIOException("could not render the evaluation report as JSON", e);
        }
    }

    static void write(EvaluationReports report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            MAPPER.writeValue(writer, tree(report));
        }
    }

    static ObjectNode tree(EvaluationReports report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("dataset", report.dataset());
        root.put("modelName", report.modelName().orElse(null));
        if (report.modelVersion().isPresent()) {
            root.put("modelVersion", report.modelVersion().get());
        } else {
            root.putNull("modelVersion");
        }
        root.put("createdTime", report.createdTime().toString());
        ArrayNode methods = root.putArray("methods");
        for (MethodResult m : report.methods()) {
            ObjectNode node = methods.addObject();
            node.put("method", m.method());
            node.set("verification", verification(m.verification(), report.rocMaxPoints()));
            if (m.identification().isPresent()) {
                node.set("identification", identification(m.identification().get()));
            } else {
                node.putNull("identification");
            }
        }
        return root;
    }

    private static ObjectNode verification(VerificationResult v, int rocMaxPoints) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("pairs", v.pairCount());
        node.put("samePairs", v.sameCount());
        node.put("differentPairs", v.differentCount());

        ObjectNode accuracy = node.putObject("accuracy");
        accuracy.put("mean", v.accuracyMean());
        accuracy.put("std", v.accuracyStd());
        ArrayNode folds = accuracy.putArray("folds");
        for (FoldResult f : v.folds()) {
            ObjectNode fold = folds.addObject();
            fold.put("fold", f.fold());
            fold.put("pairs", f.pairs());
            fold.put("threshold", f.threshold());
            fold.put("accuracy", f.accuracy());
        }

        node.put("auc", v.auc());
        ObjectNode eer = node.putObject("eer");
        eer.put("rate", v.equalErrorRate().rate());
        eer.put("threshold", v.equalErrorRate().threshold());

        ArrayNode tars = node.putArray("tarAtFar");
        for (TarAtFar t : v.tarAtFar()) {
            ObjectNode tar = tars.addObject();
            tar.put("targetFar", t.targetFar());
            tar.put("tar", t.tar());
            tar.put("far", t.point().far());
            tar.put("threshold", t.threshold());
        }

        ObjectNode best = node.putObject("bestAccuracy");
        best.put("threshold", v.bestAccuracy().threshold());
        best.put("accuracy", v.bestAccuracy().accuracy());

        ObjectNode tau = node.putObject("threshold");
        tau.put("value", v.threshold());
        if (v.calibrationFar().isPresent()) {
            tau.put("calibration", "far");
            tau.put("far", v.calibrationFar().getAsDouble());
        } else {
            tau.put("calibration", "accuracy");
        }

        List<OperatingPoint> points = v.roc().downsample(rocMaxPoints);
        ObjectNode roc = node.putObject("roc");
        roc.put("totalPoints", v.roc().size());
        ArrayNode far = roc.putArray("far");
        ArrayNode tar = roc.putArray("tar");
        ArrayNode thresholds = roc.putArray("threshold");
        for (OperatingPoint p : points) {
            far.add(p.far());
            tar.add(p.tar());
            thresholds.add(p.threshold());
        }

        DistanceHistogram h = v.histogram();
        ObjectNode histogram = node.putObject("histogram");
        ArrayNode edges = histogram.putArray("edges");
        for (double e : h.edges()) {
            edges.add(e);
        }
        ArrayNode same = histogram.putArray("same");
        for (long c : h.sameCounts()) {
            same.add(c);
        }
        ArrayNode different = histogram.putArray("different");
        for (long c : h.differentCounts()) {
            different.add(c);
        }
        histogram.put("clamped", h.clampedCount());
        return node;
    }

    private static ObjectNode identification(IdentificationResult r) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("galleryImages", r.galleryImages());
        node.put("galleryIdentities", r.galleryIdentities());
        node.put("knownProbes", r.knownProbes());
        node.put("unknownPersons", r.unknownPersons());
        node.put("unknownProbes", r.unknownProbes());
        node.put("rank1", r.rank1());
        node.put("rank5", r.rank5());
        ArrayNode cmc = node.putArray("cmc");
        for (int k = 1; k <= CMC_RANKS; k++) {
            cmc.add(r.rankRate(k));
        }
        if (r.openSet().isPresent()) {
            OpenSetResult o = r.openSet().get();
            ObjectNode open = node.putObject("openSet");
            open.put("targetFar", o.targetFar());
            open.put("threshold", o.threshold());
            open.put("falseAlarmRate", o.falseAlarmRate());
            open.put("detectionIdentificationRate", o.detectionIdentificationRate());
            open.put("knownCorrect", o.knownCorrect());
            open.put("knownWrongIdentity", o.knownWrongIdentity());
            open.put("knownNotRecognised", o.knownNotRecognised());
            open.put("unknownFalseAlarms", o.unknownFalseAlarms());
            open.put("unknownNotRecognised", o.unknownNotRecognised());
        } else {
            node.putNull("openSet");
        }
        return node;
    }
}
