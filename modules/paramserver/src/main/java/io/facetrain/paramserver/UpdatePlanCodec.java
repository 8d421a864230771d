package io.facetrain.paramserver;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.serde.json.JsonMappers;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.ObjectReader;
import org.nd4j.shade.jackson.databind.ObjectWriter;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * The update plan section of a checkpoint (big-endian): parameter count (int64), range count
 * (int32), then per range offset (int64), length (int64), and the updater configuration as UTF-8 JSON
 * (int32 byte count, bytes). The JSON is ND4J's own: {@code IUpdater} and {@code ISchedule} carry
 * their class names ({@code @JsonTypeInfo}), so any updater and any schedule on the classpath, ND4J's
 * or the application's, round-trips with its hyper-parameters.
 */
final class UpdatePlanCodec {
    /** Offset, length and JSON byte count: the least a range can take. */
    private static final int MIN_RANGE_BYTES = 8 + 8 + 4;

    private final ObjectWriter writer;
    private final ObjectReader reader;

    UpdatePlanCodec() {
        // A private copy of the mapper DL4J reads and writes network configurations with, so the
        // plan reads back exactly as DL4J would read it, compact rather than indented.
        ObjectMapper mapper = JsonMappers.getMapper().copy().disable(SerializationFeature.INDENT_OUTPUT);
        this.writer = mapper.writerFor(IUpdater.class);
        this.reader = mapper.readerFor(IUpdater.class);
    }

    void write(DataOutputStream out, UpdatePlan plan) throws IOException {
        out.writeLong(plan.parameterCount());
        out.writeInt(plan.ranges().size());
        for (UpdateRange range : plan.ranges()) {
            out.writeLong(range.offset());
            out.writeLong(range.length());
            byte[] json;
            try {
                json = writer.writeValueAsBytes(range.updater());
            } catch (JsonProcessingException e) {
                throw new IOException("the updater of update range " + range.bounds() + " cannot be written as JSON: "
                        + e.getOriginalMessage(), e);
            }
            out.writeInt(json.length);
            out.write(json);
        }
    }

    /**
     * Reads the section as stored; {@link #decode} interprets it, once the caller has verified the
     * checksum (so a damaged file is reported as damaged, not as a strange updater).
     *
     * @param source names the input in error messages
     * @param available bytes the input holds at most (bounds every declared count)
     * @throws IOException if a count is impossible
     */
    Stored read(DataInputStream in, String source, long available) throws IOException {
        long parameterCount = in.readLong();
        int rangeCount = in.readInt();
        if (rangeCount < 1 || rangeCount > available / MIN_RANGE_BYTES) {
            throw new IOException(source + " declares " + rangeCount + " update ranges, impossible in " + available
                    + " bytes");
        }
        long[] offsets = new long[rangeCount];
        long[] lengths = new long[rangeCount];
        byte[][] updaters = new byte[rangeCount][];
        for (int i = 0; i < rangeCount; i++) {
            offsets[i] = in.readLong();
            lengths[i] = in.readLong();
            int jsonLength = in.readInt();
            if (jsonLength < 1 || jsonLength > available) {
                throw new IOException(source + " declares " + jsonLength + " bytes for the updater of update range "
                        + i + ", impossible in " + available + " bytes");
            }
            updaters[i] = new byte[jsonLength];
            in.readFully(updaters[i]);
        }
        return new Stored(parameterCount, offsets, lengths, updaters);
    }

    /**
     * @throws IOException if an updater cannot be read (unknown class, malformed JSON)
     * @throws IllegalArgumentException if the ranges do not form a valid plan
     */
    UpdatePlan decode(Stored stored, String source) throws IOException {
        List<UpdateRange> ranges = new ArrayList<>(stored.offsets().length);
        for (int i = 0; i < stored.offsets().length; i++) {
            ranges.add(new UpdateRange(stored.offsets()[i], stored.lengths()[i], parse(stored.updaters()[i], source,
                    i)));
        }
        return UpdatePlan.of(ranges, stored.parameterCount());
    }

    private IUpdater parse(byte[] json, String source, int range) throws IOException {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IOException(source + ": the updater of update range " + range + " cannot be read: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The section's fields as read, the updaters still JSON. */
    record Stored(long parameterCount, long[] offsets, long[] lengths, byte[][] updaters) {
    }
}
