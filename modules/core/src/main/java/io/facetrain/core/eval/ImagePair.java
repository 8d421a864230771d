package io.facetrain.core.eval;

/**
 * Two images, named by their indices in the caller's image list, and whether they show the same person.
 * {@code first < second} always holds.
 *
 * @param first  index of the first image
 * @param second index of the second image, greater than {@code first}
 * @param same   true when both images show the same person
 */
public record ImagePair(int first, int second, boolean same) {

    /**
     * @throws IllegalArgumentException when an index is negative or {@code first >= second}
     */
    public ImagePair {
        if (first < 0 || second <= first) {
            throw new IllegalArgumentException(
                    "an image pair needs 0 <= first < second, got first=" + first + ", second=" + second);
        }
    }
}
