package io.facetrain.core.baseline;

import java.awt.image.BufferedImage;
import java.io.IOException;

/** Images of a labelled dataset addressed by 0-based (person, image) indices. */
@FunctionalInterface
public interface ImageSource {

    /** @throws IOException if the image cannot be read */
    BufferedImage image(int person, int image) throws IOException;
}
