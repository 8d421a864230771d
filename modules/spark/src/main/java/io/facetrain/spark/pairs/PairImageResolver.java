package io.facetrain.spark.pairs;

import io.facetrain.schema.FacePair;
import io.facetrain.spark.ingest.DatasetIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the image a pair means by (person, image number). The number is the one in the file name:
 * {@code Name/Name_0003.jpg} (LFW) and {@code s1/3.pgm} (ORL) are both image 3 of their person.
 */
public final class PairImageResolver {

    /** The trailing number of a file name without extension, after '_' or alone. */
    private static final Pattern NUMBERED = Pattern.compile("(?:.*_)?0*(\\d{1,9})");

    private final Map<String, String> idByReference = new HashMap<>();
    private final Set<String> ambiguous = new HashSet<>();

    /** An image a pair refers to that the dataset does not have (or has twice under one number). */
    public record Missing(int fold, String personId, int imageNumber, String why) {
        @Override
        public String toString() {
            return personId + " image " + imageNumber + " (fold " + (fold + 1) + "): " + why;
        }
    }

    /** The pairs with their image ids set where found, and the references that were not found. */
    public record Resolution(List<FacePair> pairs, List<Missing> missing, long resolvedPairs) {
    }

    public PairImageResolver(List<DatasetIndex.Image> images) {
        for (DatasetIndex.Image image : images) {
            String fileName = image.sourcePath().substring(image.sourcePath().lastIndexOf('/') + 1);
            int dot = fileName.lastIndexOf('.');
            Matcher matcher = NUMBERED.matcher(dot > 0 ? fileName.substring(0, dot) : fileName);
            if (matcher.matches()) {
                String reference = reference(image.personId(), Integer.parseInt(matcher.group(1)));
                if (idByReference.putIfAbsent(reference, image.imageId()) != null) {
                    ambiguous.add(reference);
                }
            }
        }
    }

    /** Copies of the pairs with both image ids resolved where the dataset has exactly one such image. */
    public Resolution resolve(List<FacePair> pairs) {
        List<FacePair> resolved = new ArrayList<>(pairs.size());
        List<Missing> missing = new ArrayList<>();
        long complete = 0;
        for (FacePair pair : pairs) {
            FacePair copy = FacePair.newBuilder(pair)
                    .setLeftImageId(find(pair.getFold(), pair.getLeftPersonId(), pair.getLeftImageNumber(), missing))
                    .setRightImageId(find(pair.getFold(), pair.getRightPersonId(), pair.getRightImageNumber(), missing))
                    .build();
            if (copy.getLeftImageId() != null && copy.getRightImageId() != null) {
                complete++;
            }
            resolved.add(copy);
        }
        return new Resolution(resolved, missing, complete);
    }

    private String find(int fold, String personId, int number, List<Missing> missing) {
        String reference = reference(personId, number);
        if (ambiguous.contains(reference)) {
            missing.add(new Missing(fold, personId, number, "the dataset has several files with this number"));
            return null;
        }
        String id = idByReference.get(reference);
        if (id == null) {
            missing.add(new Missing(fold, personId, number, "not in the dataset"));
        }
        return id;
    }

    private static String reference(String personId, int number) {
        return personId + '\u0000' + number;
    }
}
