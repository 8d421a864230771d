package io.facetrain.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetrain.schema.EvaluationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.facetrain.core.eval.RocCurveTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class EvaluationReportsTest {

    private static final Instant WHEN = Instant.parse("2024-05-01T12:00:00.123Z");

    /** 1000 pairs, same ~ N(0, 1), different ~ N(shift, 1): shift 0 is a useless method, 3 a good one. */
    private static VerificationResult verification(double shift, long seed) {
        Random random = new Random(seed);
        double[] d = new double[1000];
        boolean[] s = new boolean[1000];
        for (int i = 0; i < d.length; i++) {
            s[i] = i % 2 == 0;
            d[i] = random.nextGaussian() + (s[i] ? 0 : shift);
        }
        return new VerificationEvaluator(VerificationConfig.defaults()).evaluate(d, s);
    }

    private static IdentificationResult identification() {
        float[][] e = new float[40][];
        int[] labels = new int[40];
        for (int i = 0; i < 40; i++) {
            labels[i] = i % 10;
            double a = Math.toRadians(36.0 * (i % 10) + (i / 10) * 0.5);
            e[i] = new float[] {(float) Math.cos(a), (float) Math.sin(a)};
        }
        return new IdentificationEvaluator(IdentificationConfig.defaults()).evaluate(e, labels);
    }

    private static EvaluationReports report() {
        return EvaluationReports.builder("synthetic-test")
                .model("facenet-small", 3)
                .createdTime(WHEN)
                .add(EvaluationReports.MODEL, verification(3.0, 1), identification())
                .add(EvaluationReports.RAW_PIXELS, verification(0.5, 2), null)
                .add(EvaluationReports.UNTRAINED_ENCODER, verification(0.0, 3), null)
                .build();
    }

    @Test
    void jsonHoldsEveryFigure(@TempDir Path dir) throws Exception {
        EvaluationReports report = report();
        Path file = dir.resolve("nested/metrics.json");
        report.writeJson(file);
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        assertEquals(root, new ObjectMapper().readTree(report.toJson()), "file and string renderings agree");
        assertEquals("synthetic-test", root.get("dataset").asText());
        assertEquals("facenet-small", root.get("modelName").asText());
        assertEquals(3, root.get("modelVersion").asInt());
        assertEquals("2024-05-01T12:00:00.123Z", root.get("createdTime").asText());
        assertEquals(3, root.get("methods").size());

        JsonNode model = root.get("methods").get(0);
        assertEquals("model", model.get("method").asText());
        JsonNode v = model.get("verification");
        VerificationResult expected = report.methods().get(0).verification();
        assertEquals(1000, v.get("pairs").asInt());
        assertEquals(expected.accuracyMean(), v.get("accuracy").get("mean").asDouble(), 0.0);
        assertEquals(10, v.get("accuracy").get("folds").size());
        assertEquals(expected.auc(), v.get("auc").asDouble(), 0.0);
        assertEquals(expected.equalErrorRate().rate(), v.get("eer").get("rate").asDouble(), 0.0);
        assertEquals(2, v.get("tarAtFar").size());
        assertEquals("accuracy", v.get("threshold").get("calibration").asText());
        JsonNode roc = v.get("roc");
        assertEquals(1001, roc.get("totalPoints").asInt());
        assertEquals(200, roc.get("far").size());
        assertEquals(200, roc.get("tar").size());
        assertEquals(0.0, roc.get("far").get(0).asDouble(), 0.0);
        assertEquals(1.0, roc.get("tar").get(199).asDouble(), 0.0);
        assertEquals(41, v.get("histogram").get("edges").size());
        long histogramTotal = 0;
        for (JsonNode c : v.get("histogram").get("same")) {
            histogramTotal += c.asLong();
        }
        assertEquals(500, histogramTotal);

        JsonNode id = model.get("identification");
        assertEquals(1.0, id.get("rank1").asDouble(), 0.0);
        assertEquals(10, id.get("cmc").size());
        assertEquals(0.01, id.get("openSet").get("targetFar").asDouble(), 0.0);
        assertTrue(root.get("methods").get(1).get("identification").isNull());
    }

    @Test
    void avroRecordsCarryTheHeadlineFigures() throws Exception {
        EvaluationReports report = report();
        List<EvaluationReport> records = report.toAvro();
        assertEquals(3, records.size());
        EvaluationReport model = records.get(0);
        VerificationResult v = report.methods().get(0).verification();
        assertEquals("model", model.getMethod());
        assertEquals("synthetic-test", model.getDataset());
        assertEquals("facenet-small", model.getModelName());
        assertEquals(3, model.getModelVersion());
        assertEquals(1000, model.getPairCount());
        assertEquals(v.accuracyMean(), model.getAccuracyMean(), 0.0);
        assertEquals(v.accuracyStd(), model.getAccuracyStd(), 0.0);
        assertEquals(v.auc(), model.getAuc(), 0.0);
        assertEquals(v.equalErrorRate().rate(), model.getEqualErrorRate(), 0.0);
        assertEquals(v.threshold(), model.getThreshold(), 0.0);
        assertEquals(Map.of("0.01", v.tarAtFar(0.01).tar(), "0.001", v.tarAtFar(0.001).tar()), model.getTarAtFar());
        assertEquals(1.0, model.getRank1(), 0.0);
        assertEquals(0.01, model.getOpenSetFalseAlarmRate(), 0.0);
        assertEquals(WHEN, model.getCreatedTime());
        assertNull(records.get(1).getRank1());
        assertNull(records.get(1).getOpenSetDetectionIdentificationRate());
        // The record survives Avro's binary encoding (all required fields set, types right).
        assertEquals(model, EvaluationReport.fromByteBuffer(model.toByteBuffer()));
    }

    @Test
    void tableListsEveryMethodWithItsFigures() {
        EvaluationReports report = report();
        String table = report.toTable();
        String[] lines = table.split("\n");
        assertEquals(5, lines.length, table);
        assertEquals("dataset: synthetic-test, model: facenet-small v3", lines[0]);
        assertTrue(lines[1].startsWith("method "), lines[1]);
        for (String column : List.of("accuracy", "AUC", "EER", "TAR@0.01", "TAR@0.001", "tau", "rank-1", "DIR@FAR")) {
            assertTrue(lines[1].contains(column), "header has " + column + ": " + lines[1]);
        }
        VerificationResult v = report.methods().get(0).verification();
        String expectedAccuracy = String.format(java.util.Locale.ROOT, "%.4f ± %.4f", v.accuracyMean(), v.accuracyStd());
        assertTrue(lines[2].startsWith("model ") && lines[2].contains(expectedAccuracy), lines[2]);
        assertTrue(lines[2].contains("1.0000"), "rank-1 of the model: " + lines[2]);
        assertTrue(lines[3].startsWith("raw-pixels ") && lines[3].endsWith("-"), lines[3]);
        assertTrue(lines[4].startsWith("untrained-encoder "), lines[4]);
    }

    @Test
    void learningIsVisibleAgainstTheBaselines() {
        EvaluationReports report = report();
        double model = report.method("model").orElseThrow().verification().accuracyMean();
        double untrained = report.method("untrained-encoder").orElseThrow().verification().accuracyMean();
        // Shift 3 gives Bayes accuracy Φ(1.5) ≈ 0.93; shift 0 gives at most chance plus fold noise.
        assertEquals(0.93, model, 0.03);
        assertTrue(untrained < 0.56, "untrained " + untrained);
    }

    @Test
    void builderRejectsBadInput() {
        VerificationResult v = verification(1.0, 1);
        assertMessage("already in the report",
                () -> EvaluationReports.builder("d").add("model", v, null).add("model", v, null));
        assertMessage("at least one method", () -> EvaluationReports.builder("d").build());
        assertMessage("dataset name", () -> EvaluationReports.builder(" "));
        assertMessage("method name", () -> EvaluationReports.builder("d").add("", v, null));
        assertMessage("ROC point cap", () -> EvaluationReports.builder("d").rocMaxPoints(1));
    }
}
