package io.facetrain.spark.ingest;

import io.facetrain.core.image.TestImages;
import io.facetrain.schema.ImageFormat;
import io.facetrain.schema.RejectReason;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small person-per-folder input written by the test itself: valid images in every format, grey and
 * colour, and one planted bad file per reject reason (UNREADABLE needs a size limit, see the tests).
 */
final class PlantedInput {

    /** Each planted bad file and the reason it must be rejected with. */
    static final Map<String, RejectReason> REJECTS = new TreeMap<>(Map.of(
            "Alice/Alice_0003.jpg", RejectReason.TRUNCATED,
            "Bob/Bob_0003.jpg", RejectReason.EMPTY_FILE,
            "Bob/notes.txt", RejectReason.NOT_AN_IMAGE,
            "Carol/Carol_0002.png", RejectReason.UNDECODABLE,
            "Carol/Carol_0003.png", RejectReason.TOO_SMALL,
            "Carol/Carol_0004.jpg", RejectReason.DUPLICATE,
            "stray.jpg", RejectReason.MISPLACED,
            "Dave/extra/Dave_0009.jpg", RejectReason.MISPLACED));

    /** The kept copy of the planted duplicate. */
    static final String DUPLICATED = "Alice/Alice_0001.jpg";

    /** Files that are not meant for ingest and are only listed. */
    static final Map<String, String> SKIPPED = Map.of("README.txt", "not an image", ".DS_Store", "hidden");

    /** Accepted images per person. */
    static final Map<String, Integer> IMAGES = Map.of("Alice", 2, "Bob", 2, "Carol", 1, "Dave", 1);

    private PlantedInput() {
    }

    static void write(Path root) throws IOException {
        byte[] aliceJpeg = TestImages.encode(TestImages.pattern(64, 64, true, 1), ImageFormat.JPEG);
        put(root, "Alice/Alice_0001.jpg", aliceJpeg);
        put(root, "Alice/Alice_0002.png", TestImages.encode(TestImages.pattern(64, 72, true, 2), ImageFormat.PNG));
        put(root, "Alice/Alice_0003.jpg", TestImages.truncate(
                TestImages.encode(TestImages.pattern(64, 64, true, 3), ImageFormat.JPEG), 0.6));
        put(root, "Bob/Bob_0001.pgm", TestImages.encode(TestImages.pattern(48, 56, false, 4), ImageFormat.PGM));
        put(root, "Bob/Bob_0002.gif", TestImages.encode(TestImages.pattern(48, 48, false, 5), ImageFormat.GIF));
        put(root, "Bob/Bob_0003.jpg", new byte[0]);
        put(root, "Bob/notes.txt", "Bob's photos, scanned 1999\n".getBytes(StandardCharsets.UTF_8));
        put(root, "Carol/Carol_0001.bmp", TestImages.encode(TestImages.pattern(40, 40, true, 6), ImageFormat.BMP));
        byte[] flipped = TestImages.encode(TestImages.pattern(50, 50, true, 7), ImageFormat.PNG);
        flipped[flipped.length / 2] ^= 0x21;
        put(root, "Carol/Carol_0002.png", flipped);
        put(root, "Carol/Carol_0003.png", TestImages.encode(TestImages.pattern(16, 16, true, 8), ImageFormat.PNG));
        put(root, "Carol/Carol_0004.jpg", aliceJpeg);
        put(root, "Dave/Dave_0001.png", TestImages.encode(TestImages.pattern(33, 90, false, 9), ImageFormat.PNG));
        put(root, "Dave/extra/Dave_0009.jpg", TestImages.encode(TestImages.pattern(64, 64, true, 10), ImageFormat.JPEG));
        put(root, "stray.jpg", TestImages.encode(TestImages.pattern(64, 64, true, 11), ImageFormat.JPEG));
        put(root, "README.txt", "A planted test input.\n".getBytes(StandardCharsets.UTF_8));
        put(root, ".DS_Store", new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1'});
    }

    static int images() {
        return IMAGES.values().stream().mapToInt(Integer::intValue).sum();
    }

    static void put(Path root, String relative, byte[] bytes) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
