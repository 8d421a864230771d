package io.facetrain.core.data;

import io.facetrain.core.synth.SyntheticFaces;
import io.facetrain.schema.FaceImage;
import io.facetrain.schema.ImageFormat;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small ingested datasets ({@code <dir>/shards/part-NNNNN.avro}) for tests, in the layout the
 * ingest job writes, from images made in the test. Shared with other modules' tests through the test jar.
 */
public final class TestShards {

    private TestShards() {
    }

    /**
     * Writes a dataset of generated faces: persons {@code synth_00001}, ... with {@code imagesOfPerson[p]}
     * images of person p, rendered by {@link SyntheticFaces} with {@code seed} at {@code size} pixels.
     */
    public static void writeGenerated(Path dataset, int[] imagesOfPerson, int size, long seed, int shards) {
        SyntheticFaces faces = new SyntheticFaces(seed, size);
        Map<String, List<BufferedImage>> byPerson = new LinkedHashMap<>();
        for (int p = 0; p < imagesOfPerson.length; p++) {
            List<BufferedImage> images = new ArrayList<>(imagesOfPerson[p]);
            for (int i = 0; i < imagesOfPerson[p]; i++) {
                images.add(faces.render(p, i));
            }
            byPerson.put(String.format("synth_%05d", p + 1), images);
        }
        write(dataset, byPerson, shards);
    }

    /** The same with {@code images} images of each of {@code persons} persons. */
    public static void writeGenerated(Path dataset, int persons, int images, int size, long seed, int shards) {
        int[] counts = new int[persons];
        Arrays.fill(counts, images);
        writeGenerated(dataset, counts, size, seed, shards);
    }

    /**
     * @param dataset   dataset directory to create
     * @param persons   person id → that person's images (written as PNG, named {@code id/id_NNNN.png})
     * @param shards    number of shard files; persons are dealt round-robin, all of a person in one shard
     */
    public static void write(Path dataset, Map<String, List<BufferedImage>> persons, int shards) {
        try {
            Path dir = Files.createDirectories(dataset.resolve("shards"));
            List<List<FaceImage>> parts = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                parts.add(new ArrayList<>());
            }
            int p = 0;
            for (Map.Entry<String, List<BufferedImage>> person : persons.entrySet()) {
                List<FaceImage> part = parts.get(p++ % shards);
                int n = 1;
                for (BufferedImage image : person.getValue()) {
                    part.add(record(person.getKey(), n++, image, dataset.getFileName().toString()));
                }
            }
            for (int s = 0; s < shards; s++) {
                Path file = dir.resolve(String.format("part-%05d.avro", s));
                try (DataFileWriter<FaceImage> w = new DataFileWriter<>(new SpecificDatumWriter<>(FaceImage.class))) {
                    w.create(FaceImage.getClassSchema(), file.toFile());
                    for (FaceImage r : parts.get(s)) {
                        w.append(r);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FaceImage record(String person, int number, BufferedImage image, String dataset) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        byte[] bytes = png.toByteArray();
        return FaceImage.newBuilder()
                .setImageId(sha256(bytes))
                .setPersonId(person)
                .setPersonName(person.replace('_', ' '))
                .setSourcePath(person + "/" + person + String.format("_%04d.png", number))
                .setFormat(ImageFormat.PNG)
                .setWidth(image.getWidth())
                .setHeight(image.getHeight())
                .setChannels(image.getType() == BufferedImage.TYPE_BYTE_GRAY ? 1 : 3)
                .setBytes(ByteBuffer.wrap(bytes))
                .setDataset(dataset)
                .setIngestTime(Instant.ofEpochMilli(0))
                .build();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A colour image filled with one colour plus a diagonal of another, so each image is distinct. */
    public static BufferedImage image(int size, int rgb, int mark) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                img.setRGB(x, y, (x + mark) % size == y ? 0xffffff : rgb);
            }
        }
        return img;
    }
}
