package io.facetrain.core.eval;

import io.facetrain.schema.EvaluationReport;

import java.util.LinkedHashMap;
import java.util.Map;

/** Maps one method of an {@link EvaluationReports} to the Avro headline record. */
final class ReportAvro {

    private ReportAvro() {
    }

    static EvaluationReport toRecord(EvaluationReports report, MethodResult m) {
        VerificationResult v = m.verification();
        Map<String, Double> tarAtFar = new LinkedHashMap<>();
        for (TarAtFar t : v.tarAtFar()) {
            tarAtFar.put(FarLabel.of(t.targetFar()), t.tar());
        }
        EvaluationReport.Builder b = EvaluationReport.newBuilder()
                .setModelName(report.modelName().orElse(null))
                .setModelVersion(report.modelVersion().orElse(null))
                .setMethod(m.method())
                .setDataset(report.dataset())
                .setPairCount(v.pairCount())
                .setAccuracyMean(v.accuracyMean())
                .setAccuracyStd(v.accuracyStd())
                .setAuc(v.auc())
                .setEqualErrorRate(v.equalErrorRate().rate())
                .setThreshold(v.threshold())
                .setTarAtFar(tarAtFar)
                .setRank1(null)
                .setRank5(null)
                .setOpenSetDetectionIdentificationRate(null)
                .setOpenSetFalseAlarmRate(null)
                .setCreatedTime(report.createdTime());
        m.identification().ifPresent(id -> {
            b.setRank1(id.rank1());
            b.setRank5(id.rank5());
            id.openSet().ifPresent(o -> {
                b.setOpenSetDetectionIdentificationRate(o.detectionIdentificationRate());
                b.setOpenSetFalseAlarmRate(o.targetFar());
            });
        });
        return b.build();
    }
}
