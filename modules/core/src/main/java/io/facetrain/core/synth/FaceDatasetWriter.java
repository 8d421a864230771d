package io.facetrain.core.synth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Writes a generated-faces dataset to disk as PNG files in the person-per-folder layout
 * ({@link SynthLayout}), rendering persons in parallel on a bounded pool. Because every image is a pure
 * function of (seed, person, image), the files are byte-identical whatever the thread count.
 */
public final class FaceDatasetWriter {

    private static final Logger LOG = LoggerFactory.getLogger(FaceDatasetWriter.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    /** Told after each person's folder is complete, in person order, on the calling thread. */
    @FunctionalInterface
    public interface Progress {
        /** {@code done} of {@code total} persons are complete on disk. */
        void personsDone(int done, int total);
    }

    /**
     * What was written.
     *
     * @param root    the dataset directory
     * @param persons number of person folders
     * @param images  number of PNG files
     * @param bytes   total size of the PNG files
     * @param elapsed wall-clock time of the whole generation
     */
    public record Summary(Path root, int persons, long images, long bytes, Duration elapsed) {
        /** Throughput over the whole generation, rendering and writing included. */
        public double imagesPerSecond() {
            double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
            return images / seconds;
        }
    }

    private final GeneratorSettings settings;
    private final SyntheticFaces faces;

    /** A writer for the dataset these settings describe. */
    public FaceDatasetWriter(GeneratorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.faces = new SyntheticFaces(settings.seed(), settings.size());
    }

    /**
     * Checks that {@code out} can receive a new dataset: it must not exist, or be an empty directory.
     * The generator never overwrites or mixes with existing files.
     *
     * @throws IllegalArgumentException naming the path and the problem
     */
    public static void requireFreshOutput(Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new IllegalArgumentException("output path exists and is not a directory: " + out);
        }
        try (Stream<Path> entries = Files.list(out)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("output directory is not empty: " + out
                        + " (generate never overwrites; choose a new directory or remove this one)");
            }
        }
    }

    /**
     * Renders and writes every image.
     *
     * @param out      the dataset directory: absent or empty (created if absent)
     * @param progress told as persons complete
     * @return counts and timing
     * @throws IllegalArgumentException if {@code out} is not usable (before anything is written)
     * @throws IOException              if a file cannot be written
     * @throws InterruptedException     if the calling thread is interrupted while waiting for the workers
     */
    public Summary write(Path out, Progress progress) throws IOException, InterruptedException {
        requireFreshOutput(out);
        Files.createDirectories(out);
        long start = System.nanoTime();
        int threads = settings.effectiveThreads();
        LOG.debug("generating {} into {} on {} threads", settings, out, threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads, new RendererThreads());
        long bytes = 0;
        try {
            List<Future<Long>> persons = new ArrayList<>(settings.persons());
            for (int p = 0; p < settings.persons(); p++) {
                int person = p;
                persons.add(pool.submit(() -> writePerson(out, person)));
            }
            for (int p = 0; p < persons.size(); p++) {
                bytes += await(persons.get(p));
                progress.personsDone(p + 1, settings.persons());
            }
        } finally {
            pool.shutdownNow();
            if (!pool.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("renderer threads still busy {} s after shutdown", SHUTDOWN_WAIT_SECONDS);
            }
        }
        Summary summary = new Summary(out, settings.persons(), settings.totalImages(), bytes,
                Duration.ofNanos(System.nanoTime() - start));
        LOG.debug("wrote {} images ({} bytes) in {}", summary.images(), summary.bytes(), summary.elapsed());
        return summary;
    }

    private long writePerson(Path root, int person) throws IOException {
        Path folder = Files.createDirectories(root.resolve(SynthLayout.personId(person)));
        long bytes = 0;
        for (int i = 0; i < settings.imagesPerPerson(); i++) {
            BufferedImage image = faces.render(person, i);
            byte[] png = PngEncoder.encode(image);
            Files.write(folder.resolve(SynthLayout.fileName(person, i)), png);
            bytes += png.length;
        }
        return bytes;
    }

    private static long await(Future<Long> future) throws IOException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("rendering failed: " + cause, cause);
        }
    }

    /** Daemon threads with recognisable names, so a stuck renderer never keeps the JVM alive. */
    private static final class RendererThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "face-renderer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
