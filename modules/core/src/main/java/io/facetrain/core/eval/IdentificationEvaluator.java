package io.facetrain.core.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Closed- and open-set identification from embeddings and person labels, on a seeded
 * {@link GalleryProbeSplit}:
 * <ul>
 *   <li>rank-k: a known probe's true identity is among its k nearest gallery identities (per-identity
 *       minimum squared L2 distance; ties count against the probe);</li>
 *   <li>open set: τ is the threshold with the largest detection rate whose false alarm rate (unknown
 *       probes within τ of some identity) does not exceed the target; the detection-and-identification
 *       rate is the fraction of known probes that are rank-1 <em>and</em> within τ.</li>
 * </ul>
 * Stateless apart from its configuration.
 */
public final class IdentificationEvaluator {

    private final IdentificationConfig config;

    public IdentificationEvaluator(IdentificationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The configuration in use. */
    public IdentificationConfig config() {
        return config;
    }

    /**
     * Splits by the configuration and evaluates.
     *
     * @param embeddings    one embedding per image (unit vectors for the usual [0, 4] distance scale)
     * @param personOfImage person label of every image
     * @throws IllegalArgumentException on mismatched counts, non-finite or ragged embeddings, or a split
     *                                  without known probes
     */
    public IdentificationResult evaluate(float[][] embeddings, List<String> personOfImage) {
        return evaluate(embeddings, GalleryProbeSplit.of(personOfImage, config));
    }

    /** As {@link #evaluate(float[][], List)} with integer person labels. */
    public IdentificationResult evaluate(float[][] embeddings, int[] personOfImage) {
        if (personOfImage == null) {
            throw new IllegalArgumentException("person labels must not be null");
        }
        List<String> labels = new ArrayList<>(personOfImage.length);
        for (int label : personOfImage) {
            labels.add(Integer.toString(label));
        }
        return evaluate(embeddings, labels);
    }

    /**
     * Evaluates on a given split, so that several methods (model, baselines) share one split.
     *
     * @throws IllegalArgumentException on mismatched counts or non-finite or ragged embeddings
     */
    public IdentificationResult evaluate(float[][] embeddings, GalleryProbeSplit split) {
        Objects.requireNonNull(split, "split");
        Gallery gallery = split.gallery(embeddings);
        List<String> labels = split.personOfImage();
        List<String> identities = gallery.identities();

        int[] knownProbes = split.knownProbeImages();
        int[] ranks = new int[knownProbes.length];
        double[] knownBest = new double[knownProbes.length];
        for (int p = 0; p < knownProbes.length; p++) {
            double[] distances = gallery.identityDistances(checked(embeddings, knownProbes[p]));
            int truth = gallery.indexOf(labels.get(knownProbes[p]));
            int rank = 1;
            double best = Double.POSITIVE_INFINITY;
            for (int q = 0; q < distances.length; q++) {
                best = Math.min(best, distances[q]);
                if (q != truth && distances[q] <= distances[truth]) {
                    rank++;
                }
            }
            ranks[p] = rank;
            knownBest[p] = best;
        }

        int[] unknownProbes = split.unknownProbeImages();
        double[] unknownBest = new double[unknownProbes.length];
        for (int p = 0; p < unknownProbes.length; p++) {
            unknownBest[p] = gallery.nearest(checked(embeddings, unknownProbes[p])).distance();
        }
        OpenSetResult openSet = unknownProbes.length == 0 ? null : openSet(ranks, knownBest, unknownBest);
        return new IdentificationResult(gallery.size(), identities.size(), split.unknownPersons(),
                unknownProbes.length, ranks, openSet);
    }

    private OpenSetResult openSet(int[] ranks, double[] knownBest, double[] unknownBest) {
        // Known probes play "same", unknown probes "different": the ROC point at the target FAR is the
        // threshold with the most detections whose false alarm rate is within target.
        double[] distances = new double[knownBest.length + unknownBest.length];
        boolean[] known = new boolean[distances.length];
        System.arraycopy(knownBest, 0, distances, 0, knownBest.length);
        System.arraycopy(unknownBest, 0, distances, knownBest.length, unknownBest.length);
        for (int i = 0; i < knownBest.length; i++) {
            known[i] = true;
        }
        double threshold = RocCurve.of(distances, known).atFar(config.openSetFar()).threshold();
        int correct = 0;
        int wrong = 0;
        for (int p = 0; p < knownBest.length; p++) {
            if (knownBest[p] <= threshold) {
                if (ranks[p] == 1) {
                    correct++;
                } else {
                    wrong++;
                }
            }
        }
        int falseAlarms = 0;
        for (double d : unknownBest) {
            if (d <= threshold) {
                falseAlarms++;
            }
        }
        return new OpenSetResult(config.openSetFar(), threshold, (double) falseAlarms / unknownBest.length,
                (double) correct / knownBest.length, correct, wrong, knownBest.length - correct - wrong,
                falseAlarms, unknownBest.length - falseAlarms);
    }

    private static float[] checked(float[][] embeddings, int image) {
        float[] embedding = embeddings[image];
        if (embedding == null) {
            throw new IllegalArgumentException("embedding of image " + image + " is null");
        }
        for (float v : embedding) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("embedding of image " + image + " contains " + v);
            }
        }
        return embedding;
    }
}
