package io.facetrain.core.baseline;

import io.facetrain.core.eval.AccuracyThreshold;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How well plain pixel distance verifies identities: for each {@link PixelView}, the L2 distance of every
 * pair and the best accuracy any threshold reaches on those pairs. A dataset on which this is high can be
 * "solved" without learning anything; a learned embedding must beat it by a clear margin.
 */
public final class RawPixelBaseline {

    private RawPixelBaseline() {
    }

    /**
     * @param source where to read the images
     * @param pairs  labelled pairs (see {@link VerificationPairs})
     * @return the best-threshold accuracy of every view, in {@link PixelView} order
     * @throws IOException if an image cannot be read
     */
    public static Map<PixelView, AccuracyThreshold> measure(ImageSource source, List<ImagePair> pairs)
            throws IOException {
        PixelView[] views = PixelView.values();
        double[][] distances = new double[views.length][pairs.size()];
        boolean[] same = new boolean[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
            ImagePair pair = pairs.get(k);
            BufferedImage a = source.image(pair.personA(), pair.imageA());
            BufferedImage b = source.image(pair.personB(), pair.imageB());
            for (int v = 0; v < views.length; v++) {
                distances[v][k] = PixelView.distance(views[v].vector(a), views[v].vector(b));
            }
            same[k] = pair.samePerson();
        }
        Map<PixelView, AccuracyThreshold> result = new EnumMap<>(PixelView.class);
        for (int v = 0; v < views.length; v++) {
            result.put(views[v], AccuracyThreshold.maximise(distances[v], same));
        }
        return result;
    }
}
