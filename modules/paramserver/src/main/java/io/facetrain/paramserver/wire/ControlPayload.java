package io.facetrain.paramserver.wire;

import org.agrona.MutableDirectBuffer;

/** The payload of a small control message, written after the header. */
public interface ControlPayload {
    /** An empty payload (DEREGISTER, PULL). */
    ControlPayload EMPTY = new ControlPayload() {
        @Override
        public int length() {
            return 0;
        }

        @Override
        public void write(MutableDirectBuffer buffer, int offset) {
            // nothing to write: the header says everything
        }
    };

    /** Bytes this payload occupies. */
    int length();

    /** Writes the payload at {@code offset}. */
    void write(MutableDirectBuffer buffer, int offset);
}
