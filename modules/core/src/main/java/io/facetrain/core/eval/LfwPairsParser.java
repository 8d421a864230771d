package io.facetrain.core.eval;

import io.facetrain.schema.FacePair;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses LFW pairs files. The first line is either {@code N} (View 1, e.g. pairsDevTrain.txt: N
 * same-person pairs then N different-person pairs) or {@code F N} (View 2, pairs.txt: F folds, each of
 * N same-person then N different-person pairs). Same-person lines are {@code name i j}, different-person
 * lines {@code name1 i name2 j}; fields are separated by tabs or spaces, image numbers are 1-based.
 * Every deviation from that structure is an error naming the line.
 */
public final class LfwPairsParser {

    private LfwPairsParser() {
    }

    /**
     * Reads a pairs file from the local filesystem.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the line when the content is not an LFW pair list
     */
    public static PairList read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        }
    }

    /**
     * @param sourceName how to name the file in messages
     * @throws IllegalArgumentException naming the line and what was expected
     */
    public static PairList parse(BufferedReader reader, String sourceName) throws IOException {
        String header = reader.readLine();
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException(sourceName + ": empty; expected a first line 'N' or 'FOLDS N'");
        }
        String[] counts = header.trim().split("\\s+");
        if (counts.length > 2) {
            throw new IllegalArgumentException(sourceName + " line 1: expected 'N' or 'FOLDS N', found '" + header.trim() + "'");
        }
        int folds = counts.length == 2 ? positive(counts[0], sourceName, 1, "fold count") : 1;
        int perFold = positive(counts[counts.length - 1], sourceName, 1, "pairs per fold");
        List<FacePair> pairs = new ArrayList<>(2 * folds * perFold);
        int lineNumber = 1;
        for (int fold = 0; fold < folds; fold++) {
            for (int i = 0; i < 2 * perFold; i++) {
                String line = reader.readLine();
                lineNumber++;
                boolean same = i < perFold;
                if (line == null) {
                    throw new IllegalArgumentException(sourceName + ": ends after line " + (lineNumber - 1) + "; its first"
                            + " line promises " + 2 * folds * perFold + " pairs (" + folds + " fold(s) of " + perFold
                            + " same-person and " + perFold + " different-person pairs)");
                }
                pairs.add(pair(line, same, fold, sourceName, lineNumber));
            }
        }
        String extra;
        while ((extra = reader.readLine()) != null) {
            lineNumber++;
            if (!extra.isBlank()) {
                throw new IllegalArgumentException(sourceName + " line " + lineNumber + ": more pairs than the "
                        + 2 * folds * perFold + " its first line promises");
            }
        }
        return new PairList(folds, perFold, pairs);
    }

    private static FacePair pair(String line, boolean same, int fold, String sourceName, int lineNumber) {
        String[] fields = line.trim().split("\\s+");
        int expected = same ? 3 : 4;
        if (fields.length != expected) {
            throw new IllegalArgumentException(sourceName + " line " + lineNumber + ": expected "
                    + (same ? "a same-person pair 'name i j'" : "a different-person pair 'name1 i name2 j'")
                    + " (fold " + (fold + 1) + "), found '" + line.trim() + "'");
        }
        FacePair.Builder pair = FacePair.newBuilder().setFold(fold).setSame(same)
                .setLeftPersonId(fields[0])
                .setLeftImageNumber(positive(fields[1], sourceName, lineNumber, "image number"));
        if (same) {
            int right = positive(fields[2], sourceName, lineNumber, "image number");
            if (right == pair.getLeftImageNumber()) {
                throw new IllegalArgumentException(sourceName + " line " + lineNumber + ": same-person pair compares image "
                        + right + " of " + fields[0] + " with itself");
            }
            pair.setRightPersonId(fields[0]).setRightImageNumber(right);
        } else {
            if (fields[0].equals(fields[2])) {
                throw new IllegalArgumentException(sourceName + " line " + lineNumber + ": different-person pair names "
                        + fields[0] + " twice");
            }
            pair.setRightPersonId(fields[2]).setRightImageNumber(positive(fields[3], sourceName, lineNumber, "image number"));
        }
        return pair.setLeftImageId(null).setRightImageId(null).build();
    }

    private static int positive(String field, String sourceName, int lineNumber, String what) {
        int value;
        try {
            value = Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw notPositive(field, sourceName, lineNumber, what, e);
        }
        if (value < 1) {
            throw notPositive(field, sourceName, lineNumber, what, null);
        }
        return value;
    }

    private static IllegalArgumentException notPositive(String field, String sourceName, int lineNumber, String what,
                                                        Throwable cause) {
        return new IllegalArgumentException(sourceName + " line " + lineNumber + ": " + what
                + " must be a positive integer, found '" + field + "'", cause);
    }
}
