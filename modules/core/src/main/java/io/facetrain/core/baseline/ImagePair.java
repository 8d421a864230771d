package io.facetrain.core.baseline;

/**
 * Two images for a verification decision: the same person or not.
 *
 * @param personA person of the first image
 * @param imageA  index of the first image within its person
 * @param personB person of the second image
 * @param imageB  index of the second image within its person
 */
public record ImagePair(int personA, int imageA, int personB, int imageB) {

    /** Whether both images show one person. */
    public boolean samePerson() {
        return personA == personB;
    }
}
