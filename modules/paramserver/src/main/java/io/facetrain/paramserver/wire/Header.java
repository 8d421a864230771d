package io.facetrain.paramserver.wire;

import java.nio.ByteOrder;

/**
 * Layout of the fixed message header. All fields are little-endian.
 *
 * <pre>
 *  offset  size  field
 *       0     4  magic 0x53505446 ("FTPS" as bytes)
 *       4     2  protocol version
 *       6     2  kind ({@link MessageKind#code()})
 *       8     8  run id
 *      16     8  step (for PARAMETERS: the parameter version)
 *      24     4  attempt of that step
 *      28     4  worker id (sender for worker messages, addressee or -1 for server messages)
 *      32     4  chunk index
 *      36     4  chunk count
 *      40     8  sender's wall-clock timestamp, epoch milliseconds
 *      48     4  payload length
 *      52     4  reserved, must be 0
 *      56    32  HMAC-SHA256 over bytes [0, 56) followed by the payload
 *      88     -  payload
 * </pre>
 */
public final class Header {
    /** Byte order of every multi-byte field and of tensor payloads. */
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** First four bytes of every message. */
    public static final int MAGIC = 0x53505446;
    /** The protocol version this build writes and accepts. */
    public static final short PROTOCOL_VERSION = 1;
    /** Worker id used in server messages meant for every worker (parameter chunks). */
    public static final int ALL_WORKERS = -1;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 4;
    public static final int KIND_OFFSET = 6;
    public static final int RUN_ID_OFFSET = 8;
    public static final int STEP_OFFSET = 16;
    public static final int ATTEMPT_OFFSET = 24;
    public static final int WORKER_OFFSET = 28;
    public static final int CHUNK_INDEX_OFFSET = 32;
    public static final int CHUNK_COUNT_OFFSET = 36;
    public static final int TIMESTAMP_OFFSET = 40;
    public static final int PAYLOAD_LENGTH_OFFSET = 48;
    public static final int RESERVED_OFFSET = 52;
    public static final int MAC_OFFSET = 56;
    /** Bytes covered by the HMAC before the payload. */
    public static final int SIGNED_HEADER_LENGTH = MAC_OFFSET;
    public static final int MAC_LENGTH = 32;
    /** Total header length; the payload starts here. */
    public static final int LENGTH = MAC_OFFSET + MAC_LENGTH;

    private Header() {
    }
}
