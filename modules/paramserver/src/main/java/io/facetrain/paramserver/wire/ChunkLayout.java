package io.facetrain.paramserver.wire;

/**
 * How a flat tensor of {@code elementCount} floats is cut into chunks of at most
 * {@code chunkElements}. Chunk {@code i} always covers the same elements, so (step, worker, chunk)
 * identifies exactly one slice and duplicates can be recognised.
 *
 * @param elementCount floats in the tensor, at least 1
 * @param chunkElements floats per chunk (the last chunk may be shorter), at least 1
 */
public record ChunkLayout(int elementCount, int chunkElements) {

    public ChunkLayout {
        if (elementCount < 1) {
            throw new IllegalArgumentException("elementCount must be at least 1, got " + elementCount);
        }
        if (chunkElements < 1) {
            throw new IllegalArgumentException("chunkElements must be at least 1, got " + chunkElements);
        }
    }

    /** Number of chunks. */
    public int count() {
        return (int) (((long) elementCount + chunkElements - 1) / chunkElements);
    }

    /** Index of the first element of chunk {@code index}. */
    public int offset(int index) {
        return (int) ((long) index * chunkElements);
    }

    /** Number of elements in chunk {@code index}. */
    public int length(int index) {
        return Math.min(chunkElements, elementCount - offset(index));
    }
}
