package io.facetrain.spark.ingest;

/** Where a file sits in the input tree, which decides how ingest treats it. */
public enum Placement {
    /** {@code <input>/<person>/<file>}: a candidate face image of that person. */
    PERSON,
    /** {@code <input>/<file>}: no person folder. Images are rejected as MISPLACED, other files skipped. */
    ROOT,
    /** {@code <input>/<person>/<dir>/.../<file>}: deeper than one folder, rejected as MISPLACED. */
    NESTED,
    /** A path with a segment starting with '.' (.DS_Store, .git/...): skipped, and listed in the summary. */
    HIDDEN
}
