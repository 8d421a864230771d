package io.facetrain.spark.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetrain.paramserver.CheckpointStore;
import io.facetrain.paramserver.ServerState;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A distributed run's checkpoints in one directory on any Hadoop file system (file, hdfs, s3a, ...), one
 * subdirectory per completed round: {@code round-000003/} holds the parameter server's state (a
 * {@link CheckpointStore} file, itself written under a temporary name, renamed, and checksummed) and
 * {@value #COMMIT}, the driver's part ({@link DriverCheckpoint}). {@value #COMMIT} is written last, under a
 * temporary name renamed into place, so it is the commit marker: a directory without it is what a driver
 * killed while writing leaves, and it is never read. On object stores, where a rename is a copy, the marker
 * still appears whole or not at all (a single object).
 *
 * <p>After each commit only the newest {@value #KEEP} committed rounds are kept, and leftovers of killed
 * writes below the newest commit are removed.
 */
final class RunCheckpoints {

    /** The commit marker and driver state of a round's checkpoint. */
    static final String COMMIT = "driver.json";
    /** Committed checkpoints kept: the newest, and one more in case the newest cannot be read. */
    static final int KEEP = 2;

    private static final Logger LOG = LoggerFactory.getLogger(RunCheckpoints.class);
    private static final Pattern ROUND = Pattern.compile("round-(\\d{6,})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Configuration hadoop;

    /**
     * @param directory where the checkpoints live (created on the first save)
     * @param hadoop    configuration of its file system (the Spark context's)
     */
    RunCheckpoints(Path directory, Configuration hadoop) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.hadoop = Objects.requireNonNull(hadoop, "hadoop");
    }

    /**
     * A checkpoint read back.
     *
     * @param driver   the driver's state
     * @param server   the parameter server's state after the round
     * @param location the round's directory
     */
    record Restored(DriverCheckpoint driver, ServerState server, Path location) {
    }

    Path directory() {
        return directory;
    }

    /**
     * Writes the checkpoint of the round {@code driver} was taken after, commits it, and drops older ones.
     *
     * @throws IllegalArgumentException when the server's version is not the history's step count
     * @throws UncheckedIOException     when the file system fails
     */
    void save(ServerState server, DriverCheckpoint driver) {
        if (server.version() != driver.history().steps()) {
            throw new IllegalArgumentException("the server is at version " + server.version() + " but the history has "
                    + driver.history().steps() + " steps");
        }
        Path round = roundDirectory(driver.roundsDone());
        try {
            FileSystem fs = fs();
            if (fs.exists(round)) {
                // Only an uncommitted leftover can be there: a run never writes a round twice.
                delete(fs, round, "leftover of an interrupted checkpoint");
            }
            new CheckpointStore(round, hadoop).save(server);
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(DriverCheckpointJson.write(driver));
            Path temporary = new Path(round, "." + COMMIT + "." + UUID.randomUUID() + ".tmp");
            try (FSDataOutputStream out = fs.create(temporary, false)) {
                out.write(bytes);
            }
            if (!fs.rename(temporary, new Path(round, COMMIT))) {
                throw new IOException("could not rename " + temporary + " to " + COMMIT);
            }
            LOG.info("checkpoint of round {} (step {}) committed to {}", driver.roundsDone(), server.version(), round);
            prune(fs, driver.roundsDone());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of round " + driver.roundsDone() + " to " + round
                    + ": " + e.getMessage(), e);
        }
    }

    /** The rounds whose checkpoints are committed, oldest first. */
    List<Integer> committedRounds() {
        List<Integer> rounds = new ArrayList<>();
        try {
            FileSystem fs = fs();
            for (int round : rounds(fs)) {
                if (fs.exists(new Path(roundDirectory(round), COMMIT))) {
                    rounds.add(round);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + directory + ": " + e.getMessage(), e);
        }
        return rounds;
    }

    /**
     * The newest committed checkpoint, read and verified; empty when there is none.
     *
     * @throws IllegalStateException naming the files when the newest committed checkpoint cannot be read
     */
    Optional<Restored> latest() {
        List<Integer> committed = committedRounds();
        if (committed.isEmpty()) {
            return Optional.empty();
        }
        int round = committed.get(committed.size() - 1);
        Path dir = roundDirectory(round);
        try {
            FileSystem fs = fs();
            DriverCheckpoint driver;
            try (InputStream in = fs.open(new Path(dir, COMMIT))) {
                JsonNode json = JSON.readTree(in);
                driver = DriverCheckpointJson.read(json, new Path(dir, COMMIT).toString());
            }
            if (driver.roundsDone() != round) {
                throw new IllegalStateException(new Path(dir, COMMIT) + " holds the history of " + driver.roundsDone()
                        + " rounds, not " + round);
            }
            CheckpointStore store = new CheckpointStore(dir, hadoop);
            List<Path> files = store.list();
            if (files.size() != 1) {
                throw new IllegalStateException("checkpoint " + dir + " must hold one server state file, found " + files);
            }
            ServerState server = store.load(files.get(0));
            if (server.version() != driver.history().steps()) {
                throw new IllegalStateException("checkpoint " + dir + ": server state of version " + server.version()
                        + " but the driver's history has " + driver.history().steps() + " steps");
            }
            return Optional.of(new Restored(driver, server, dir));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalStateException("cannot read the checkpoint of round " + round + " in " + dir + ": "
                    + e.getMessage() + (committed.size() > 1 ? "; the checkpoint of round "
                    + committed.get(committed.size() - 2) + " is still there: remove " + dir + " to resume from it" : ""),
                    e);
        }
    }

    /**
     * Prepares the directory for a run that starts from scratch.
     *
     * @throws IllegalArgumentException when it holds committed checkpoints: they belong to a run that
     *                                  {@code --resume} continues, and are never overwritten
     */
    void startFresh() {
        List<Integer> committed = committedRounds();
        if (!committed.isEmpty()) {
            throw new IllegalArgumentException("checkpoint directory " + directory + " already holds checkpoints of a run"
                    + " (rounds " + committed + "): continue that run with --resume, or choose another output or"
                    + " checkpoint directory");
        }
        try {
            FileSystem fs = fs();
            for (int round : rounds(fs)) {
                delete(fs, roundDirectory(round), "leftover of an interrupted checkpoint");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean checkpoint directory " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes every checkpoint, and the directory when nothing else is in it, once the run's model directory
     * is complete: a finished run is never resumed, and checkpoints left inside the model directory would be
     * published with the model.
     */
    void removeAfterFinish() {
        try {
            FileSystem fs = fs();
            for (int round : rounds(fs)) {
                delete(fs, roundDirectory(round), "the run finished");
            }
            if (fs.exists(directory) && fs.listStatus(directory).length == 0) {
                fs.delete(directory, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the finished run's checkpoints in " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /** Keeps the newest {@value #KEEP} committed rounds up to {@code newest}; removes what lies below them. */
    private void prune(FileSystem fs, int newest) throws IOException {
        List<Integer> committed = new ArrayList<>();
        List<Integer> uncommitted = new ArrayList<>();
        for (int round : rounds(fs)) {
            (fs.exists(new Path(roundDirectory(round), COMMIT)) ? committed : uncommitted).add(round);
        }
        committed.removeIf(r -> r > newest);
        for (int i = 0; i < committed.size() - KEEP; i++) {
            delete(fs, roundDirectory(committed.get(i)), "older than the last " + KEEP);
        }
        for (int round : uncommitted) {
            if (round < newest) {
                delete(fs, roundDirectory(round), "leftover of an interrupted checkpoint");
            }
        }
    }

    private void delete(FileSystem fs, Path dir, String why) throws IOException {
        if (!fs.delete(dir, true) && fs.exists(dir)) {
            throw new IOException("could not delete " + dir);
        }
        LOG.info("removed checkpoint {} ({})", dir, why);
    }

    /** Round numbers of the round directories present, committed or not, in increasing order. */
    private List<Integer> rounds(FileSystem fs) throws IOException {
        List<Integer> rounds = new ArrayList<>();
        if (!fs.exists(directory)) {
            return rounds;
        }
        for (FileStatus s : fs.listStatus(directory)) {
            Matcher m = ROUND.matcher(s.getPath().getName());
            if (s.isDirectory() && m.matches()) {
                rounds.add(Integer.parseInt(m.group(1)));
            }
        }
        rounds.sort(Comparator.naturalOrder());
        return rounds;
    }

    Path roundDirectory(int round) {
        return new Path(directory, String.format(Locale.ROOT, "round-%06d", round));
    }

    private FileSystem fs() throws IOException {
        return directory.getFileSystem(hadoop);
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}
