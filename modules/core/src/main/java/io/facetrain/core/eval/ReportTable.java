package io.facetrain.core.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console table of an {@link EvaluationReports}: method, accuracy ± std, AUC, EER, TAR at each FAR
 * target, τ, and (when any method has them) rank-1, rank-5 and the open-set DIR. Missing figures print "-".
 */
final class ReportTable {

    private ReportTable() {
    }

    static String render(EvaluationReports report) {
        List<Double> fars = new ArrayList<>();
        boolean identification = false;
        for (MethodResult m : report.methods()) {
            for (TarAtFar t : m.verification().tarAtFar()) {
                if (!fars.contains(t.targetFar())) {
                    fars.add(t.targetFar());
                }
            }
            identification |= m.identification().isPresent();
        }
        int nameWidth = "method".length();
        for (MethodResult m : report.methods()) {
            nameWidth = Math.max(nameWidth, m.method().length());
        }

        List<String> header = new ArrayList<>(List.of("accuracy", "AUC", "EER"));
        for (double far : fars) {
            header.add("TAR@" + FarLabel.of(far));
        }
        header.add("tau");
        if (identification) {
            header.addAll(List.of("rank-1", "rank-5", "DIR@FAR"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (MethodResult m : report.methods()) {
            VerificationResult v = m.verification();
            List<String> row = new ArrayList<>();
            row.add(fmt(v.accuracyMean()) + " ± " + fmt(v.accuracyStd()));
            row.add(fmt(v.auc()));
            row.add(fmt(v.equalErrorRate().rate()));
            for (double far : fars) {
                // Every FAR is computable from the full ROC, even one this method was not configured for.
                row.add(fmt(v.tarAtFar(far).tar()));
            }
            row.add(fmt(v.threshold()));
            if (identification) {
                if (m.identification().isPresent()) {
                    IdentificationResult id = m.identification().get();
                    row.add(fmt(id.rank1()));
                    row.add(fmt(id.rank5()));
                    row.add(id.openSet()
                            .map(o -> fmt(o.detectionIdentificationRate()) + "@" + FarLabel.of(o.targetFar()))
                            .orElse("-"));
                } else {
                    row.addAll(List.of("-", "-", "-"));
                }
            }
            rows.add(row);
        }

        int[] widths = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("dataset: ").append(report.dataset());
        report.modelName().ifPresent(n -> out.append(", model: ").append(n));
        report.modelVersion().ifPresent(ver -> out.append(" v").append(ver));
        out.append('\n');
        appendLine(out, "method", nameWidth, header, widths);
        for (int r = 0; r < rows.size(); r++) {
            appendLine(out, report.methods().get(r).method(), nameWidth, rows.get(r), widths);
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, String name, int nameWidth, List<String> cells, int[] widths) {
        out.append(pad(name, nameWidth));
        for (int c = 0; c < cells.size(); c++) {
            out.append("  ").append(pad(cells.get(c), widths[c]));
        }
        // Trailing spaces from the last column's padding are noise in logs.
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
