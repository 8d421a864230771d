package io.facetrain.spark.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;

/** JSON files of a dataset (summary, catalog, commit record), read and written through Hadoop. */
final class IngestJson {

    /** Indented: files people read and diff. Maps keep their own (sorted or declared) order. */
    static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private IngestJson() {
    }

    /** Compact: machine-only files that can hold one entry per input file. */
    static final ObjectMapper COMPACT = new ObjectMapper();

    static byte[] pretty(Object value) throws IOException {
        return PRETTY.writeValueAsBytes(value);
    }

    static byte[] compact(Object value) throws IOException {
        return COMPACT.writeValueAsBytes(value);
    }

    static void write(FileSystem fs, Path file, byte[] json) throws IOException {
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(json);
        }
    }

    static <T> T read(FileSystem fs, Path file, Class<T> type) throws IOException {
        try (FSDataInputStream in = fs.open(file)) {
            return PRETTY.readValue((InputStream) in, type);
        } catch (JacksonException e) {
            throw new IOException(file + " is not a valid " + type.getSimpleName() + " file: " + e.getOriginalMessage(), e);
        }
    }

    /** The file's bytes, or null when it does not exist. */
    static byte[] readBytesIfExists(FileSystem fs, Path file) throws IOException {
        if (!fs.exists(file)) {
            return null;
        }
        try (FSDataInputStream in = fs.open(file)) {
            return in.readAllBytes();
        }
    }
}
