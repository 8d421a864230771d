package io.facetrain.spark.ingest;

import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.EOFException;
import java.io.IOException;

/** Reads one whole file into memory: ingest holds exactly one file's bytes at a time per task. */
final class FileBytes {

    private FileBytes() {
    }

    /**
     * The file system to read input files through. Input trees are not written by Hadoop, so they carry
     * no .crc side files to verify; and the checksum layer cannot even build its side-file name for a
     * file name containing ':'.
     */
    static FileSystem forReading(FileSystem fs) {
        return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
    }

    /**
     * @param expectedLength the length the listing reported
     * @throws IOException when the file cannot be read or its length differs from the listing's
     */
    static byte[] read(FileSystem fs, Path file, long expectedLength) throws IOException {
        byte[] bytes = new byte[Math.toIntExact(expectedLength)];
        try (FSDataInputStream in = fs.open(file)) {
            try {
                in.readFully(bytes);
            } catch (EOFException e) {
                throw new IOException("file became shorter than the " + expectedLength + " bytes listed while it was read", e);
            }
            if (in.read() != -1) {
                throw new IOException("file grew beyond the " + expectedLength + " bytes listed while it was read");
            }
        }
        return bytes;
    }

    /** The first {@code count} bytes (fewer when the file is shorter). */
    static byte[] head(FileSystem fs, Path file, int count) throws IOException {
        try (FSDataInputStream in = fs.open(file)) {
            return in.readNBytes(count);
        }
    }
}
