package io.facetrain.core.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident memory of this process (Linux {@code /proc/self/status}), for the memory-over-time record. */
public final class ResidentMemory {

    private static final Logger LOG = LoggerFactory.getLogger(ResidentMemory.class);
    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    /** Resident set size in bytes, or -1 where the platform does not tell. */
    public static long bytes() {
        if (!Files.isReadable(STATUS)) {
            return -1;
        }
        try {
            List<String> lines = Files.readAllLines(STATUS);
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024L;
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            LOG.debug("cannot read resident memory from {}", STATUS, e);
            return -1;
        }
    }
}
