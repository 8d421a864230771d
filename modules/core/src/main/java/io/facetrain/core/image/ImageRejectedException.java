package io.facetrain.core.image;

import io.facetrain.schema.RejectReason;

import java.util.Objects;

/**
 * A file that cannot be accepted as a face image, with the reason code recorded in the rejects file
 * and a message that says exactly what was wrong.
 */
public final class ImageRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    public ImageRejectedException(RejectReason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ImageRejectedException(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the file was refused. */
    public RejectReason reason() {
        return reason;
    }
}
