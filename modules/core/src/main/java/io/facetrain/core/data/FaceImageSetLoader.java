package io.facetrain.core.data;

import io.facetrain.core.image.ImageDecoder;
import io.facetrain.core.preprocess.FaceCropper;
import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.schema.FaceImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads an ingested dataset into a {@link FaceImageSet}: streams the shard records, decodes and crops them
 * on a few threads, chunk by chunk (so at most one chunk of encoded files is in memory), and orders the
 * result by person id and source path so that labels do not depend on the shard layout.
 */
public final class FaceImageSetLoader {

    private static final Logger LOG = LoggerFactory.getLogger(FaceImageSetLoader.class);
    private static final int CHUNK = 256;

    private final PreprocessConfig config;
    private final int threads;
    private final long maxCacheBytes;
    private final ImageDecoder decoder = new ImageDecoder();

    /**
     * @param threads       decoding threads, at least 1
     * @param maxCacheBytes refuse to cache more than this many bytes of pixels (the run would not fit)
     */
    public FaceImageSetLoader(PreprocessConfig config, int threads, long maxCacheBytes) {
        this.config = Objects.requireNonNull(config, "config");
        if (threads < 1) {
            throw new IllegalArgumentException("decoding threads must be at least 1, got " + threads);
        }
        if (maxCacheBytes <= 0) {
            throw new IllegalArgumentException("cache limit must be positive, got " + maxCacheBytes);
        }
        this.threads = threads;
        this.maxCacheBytes = maxCacheBytes;
    }

    /** Loads every image of the dataset. */
    public FaceImageSet load(FaceShards shards) {
        FaceCropper cropper = new FaceCropper(config);
        long perImage = cropper.cachedBytes();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "facetrain-decode");
            t.setDaemon(true);
            return t;
        });
        List<Loaded> loaded = new ArrayList<>();
        List<FaceImage> chunk = new ArrayList<>(CHUNK);
        long started = System.nanoTime();
        try {
            shards.forEach(record -> {
                chunk.add(record);
                if (chunk.size() == CHUNK) {
                    decodeChunk(pool, cropper, chunk, loaded);
                    chunk.clear();
                    checkBudget(loaded.size(), perImage);
                }
            });
            decodeChunk(pool, cropper, chunk, loaded);
            checkBudget(loaded.size(), perImage);
        } finally {
            pool.shutdownNow();
        }
        if (loaded.isEmpty()) {
            throw new IllegalArgumentException("dataset " + shards.dataset() + " has no images");
        }
        loaded.sort(Comparator.comparing((Loaded l) -> l.personId).thenComparing(l -> l.sourcePath)
                .thenComparing(l -> l.imageId));
        Map<String, Integer> labelOf = new TreeMap<>();
        for (Loaded l : loaded) {
            labelOf.putIfAbsent(l.personId, labelOf.size());
        }
        List<String> persons = new ArrayList<>(labelOf.keySet());
        int n = loaded.size();
        int[] labels = new int[n];
        String[] ids = new String[n];
        String[] paths = new String[n];
        byte[][] pixels = new byte[n][];
        for (int i = 0; i < n; i++) {
            Loaded l = loaded.get(i);
            labels[i] = labelOf.get(l.personId);
            ids[i] = l.imageId;
            paths[i] = l.sourcePath;
            pixels[i] = l.pixels;
        }
        LOG.info("cached {} images of {} persons from {} ({} MB, {} px {}) in {} s", n, persons.size(),
                shards.dataset(), n * perImage / (1 << 20), config.cachedSize(),
                config.channels() == 1 ? "grey" : "colour", String.format("%.1f", (System.nanoTime() - started) / 1e9));
        return new FaceImageSet(config, persons, labels, ids, paths, pixels);
    }

    private void checkBudget(long images, long perImage) {
        if (images * perImage > maxCacheBytes) {
            throw new IllegalArgumentException("the decoded dataset exceeds the cache limit of " + maxCacheBytes
                    + " bytes after " + images + " images (" + perImage + " bytes each); raise train.data.cache-max-bytes,"
                    + " use a smaller input size or greyscale");
        }
    }

    private void decodeChunk(ExecutorService pool, FaceCropper cropper, List<FaceImage> chunk, List<Loaded> out) {
        List<Future<Loaded>> futures = new ArrayList<>(chunk.size());
        for (FaceImage record : chunk) {
            futures.add(pool.submit(() -> decode(cropper, record)));
        }
        for (Future<Loaded> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while decoding images", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                throw new IllegalStateException("decoding failed: " + cause.getMessage(), cause);
            }
        }
    }

    private Loaded decode(FaceCropper cropper, FaceImage record) {
        return new Loaded(record.getPersonId(), record.getImageId(), record.getSourcePath(),
                FaceRecords.croppedPixels(decoder, cropper, record));
    }

    private static final class Loaded {
        final String personId;
        final String imageId;
        final String sourcePath;
        final byte[] pixels;

        Loaded(String personId, String imageId, String sourcePath, byte[] pixels) {
            this.personId = personId;
            this.imageId = imageId;
            this.sourcePath = sourcePath;
            this.pixels = pixels;
        }
    }
}
