package io.facetrain.core.eval;

import io.facetrain.schema.FacePair;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads LFW pair lists into {@link FacePair} records (image ids unresolved).
 * <ul>
 *   <li>View 1 ({@code pairsDevTrain.txt}, {@code pairsDevTest.txt}): first line {@code N}, then N matched
 *       lines {@code name i j} and N mismatched lines {@code name1 i name2 j}; all pairs get fold 0.</li>
 *   <li>View 2 ({@code pairs.txt}): first line {@code S N}, then S sets of N matched followed by N mismatched
 *       lines; set {@code s} becomes fold {@code s}.</li>
 * </ul>
 * Fields are separated by tabs or spaces; image numbers are 1-based as in {@code Name_0001.jpg}.
 */
public final class LfwPairsFile {

    private LfwPairsFile() {
    }

    /**
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when the content is not an LFW pair list (the message names the line)
     */
    public static List<FacePair> read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * @param lines  the file's lines
     * @param source name used in error messages
     * @throws IllegalArgumentException naming the line when the content is not an LFW pair list
     */
    public static List<FacePair> parse(List<String> lines, String source) {
        List<String> content = new ArrayList<>(lines);
        while (!content.isEmpty() && content.get(content.size() - 1).isBlank()) {
            content.remove(content.size() - 1);
        }
        if (content.isEmpty()) {
            throw new IllegalArgumentException(source + ": empty pair list");
        }
        String[] header = fields(content.get(0));
        int sets;
        int perClass;
        if (header.length == 1) {
            sets = 1;
            perClass = positive(header[0], source, 1);
        } else if (header.length == 2) {
            sets = positive(header[0], source, 1);
            perClass = positive(header[1], source, 1);
        } else {
            throw new IllegalArgumentException(source + " line 1: expected \"N\" or \"sets N\", got \"" + content.get(0) + "\"");
        }
        long expected = 1L + 2L * sets * perClass;
        if (content.size() != expected) {
            throw new IllegalArgumentException(source + ": header announces " + sets + " set(s) of " + perClass
                    + " matched + " + perClass + " mismatched pairs (" + (expected - 1) + " lines), found "
                    + (content.size() - 1) + " lines");
        }
        List<FacePair> pairs = new ArrayList<>((int) (expected - 1));
        for (int line = 1; line < content.size(); line++) {
            int offset = line - 1;
            int fold = offset / (2 * perClass);
            boolean same = offset % (2 * perClass) < perClass;
            pairs.add(pair(fields(content.get(line)), same, fold, source, line + 1));
        }
        return pairs;
    }

    private static FacePair pair(String[] f, boolean same, int fold, String source, int lineNumber) {
        FacePair.Builder b = FacePair.newBuilder().setFold(fold).setSame(same)
                .setLeftImageId(null).setRightImageId(null);
        if (same) {
            if (f.length != 3) {
                throw new IllegalArgumentException(source + " line " + lineNumber
                        + ": expected a matched pair \"name i j\", got " + f.length + " fields");
            }
            return b.setLeftPersonId(f[0]).setLeftImageNumber(positive(f[1], source, lineNumber))
                    .setRightPersonId(f[0]).setRightImageNumber(positive(f[2], source, lineNumber)).build();
        }
        if (f.length != 4) {
            throw new IllegalArgumentException(source + " line " + lineNumber
                    + ": expected a mismatched pair \"name1 i name2 j\", got " + f.length + " fields");
        }
        if (f[0].equals(f[2])) {
            throw new IllegalArgumentException(source + " line " + lineNumber + ": mismatched pair names one person twice: " + f[0]);
        }
        return b.setLeftPersonId(f[0]).setLeftImageNumber(positive(f[1], source, lineNumber))
                .setRightPersonId(f[2]).setRightImageNumber(positive(f[3], source, lineNumber)).build();
    }

    private static String[] fields(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }

    private static int positive(String field, String source, int lineNumber) {
        try {
            int value = Integer.parseInt(field);
            if (value < 1) {
                throw new IllegalArgumentException(source + " line " + lineNumber + ": expected a number >= 1, got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + lineNumber + ": expected a number, got \"" + field + "\"", e);
        }
    }
}
