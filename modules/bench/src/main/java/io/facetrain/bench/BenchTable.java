package io.facetrain.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with right-aligned columns, as bench commands print their figures. */
public final class BenchTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public BenchTable(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row; cells are printed as given. */
    public void add(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table " + headers.size()
                    + " columns");
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
    }

    /** Prints the table as Markdown (readable as text, pasteable into docs/benchmarks.md). */
    public void print(PrintStream out) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        out.println(line(headers, widths));
        StringBuilder rule = new StringBuilder("|");
        for (int width : widths) {
            rule.append('-').append("-".repeat(width)).append(":|");
        }
        out.println(rule);
        for (List<String> row : rows) {
            out.println(line(row, widths));
        }
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder("|");
        for (int c = 0; c < widths.length; c++) {
            text.append(' ').append(" ".repeat(widths[c] - cells.get(c).length())).append(cells.get(c)).append(" |");
        }
        return text.toString();
    }
}
