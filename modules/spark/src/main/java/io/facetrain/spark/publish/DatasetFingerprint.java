package io.facetrain.spark.publish;

import io.facetrain.core.data.FaceImageSet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Identifies a dataset by content, as the model manifest's {@code datasetFingerprint}: SHA-256 over its
 * sorted image ids, one per line (an image id is the SHA-256 of the file's bytes), so the same images give
 * the same fingerprint whatever their order, shard layout or location.
 */
public final class DatasetFingerprint {

    private DatasetFingerprint() {
    }

    /** {@code sha256:<hex>} of every image of {@code images}. */
    public static String of(FaceImageSet images) {
        List<String> ids = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            ids.add(images.imageId(i));
        }
        return ofImageIds(ids);
    }

    /** {@code sha256:<hex>} of the images with these ids (a dataset's index, without decoding any image). */
    public static String ofImageIds(Collection<String> imageIds) {
        return ofLines(imageIds);
    }

    /** {@code sha256:<hex>} over {@code lines} sorted, each followed by a newline: independent of their order. */
    public static String ofLines(Collection<String> lines) {
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(null);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
        for (String line : sorted) {
            sha.update(line.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
