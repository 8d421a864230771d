package io.facetrain.core.synth;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Names of the generated files: the person-per-folder layout that ingest reads, numbered from 1 like LFW:
 * {@code <root>/synth_00001/synth_00001_0001.png}.
 */
public final class SynthLayout {

    /** Prefix of every generated person id. */
    public static final String PERSON_PREFIX = "synth_";

    private SynthLayout() {
    }

    /** The id (and folder name) of the person with 0-based index {@code person}. */
    public static String personId(int person) {
        return String.format(Locale.ROOT, "%s%05d", PERSON_PREFIX, person + 1);
    }

    /** The file name of 0-based image {@code image} of 0-based person {@code person}. */
    public static String fileName(int person, int image) {
        return String.format(Locale.ROOT, "%s_%04d.png", personId(person), image + 1);
    }

    /** Where that image lives below {@code root}. */
    public static Path imagePath(Path root, int person, int image) {
        return root.resolve(personId(person)).resolve(fileName(person, image));
    }

    /**
     * Reads back a generated image.
     *
     * @throws IOException if the file is missing or is not a readable image
     */
    public static BufferedImage readImage(Path root, int person, int image) throws IOException {
        Path file = imagePath(root, person, image);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no generated image at " + file);
        }
        BufferedImage decoded = ImageIO.read(file.toFile());
        if (decoded == null) {
            throw new IOException("not a readable image: " + file);
        }
        return decoded;
    }
}
