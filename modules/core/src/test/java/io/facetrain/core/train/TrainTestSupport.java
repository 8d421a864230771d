package io.facetrain.core.train;

import io.facetrain.core.config.ConfigLoader;
import io.facetrain.core.data.FaceImageSet;
import io.facetrain.core.preprocess.FaceCropper;
import io.facetrain.core.preprocess.PreprocessConfig;
import io.facetrain.core.synth.SyntheticFaces;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Configurations and generated face sets for training tests. */
public final class TrainTestSupport {

    private TrainTestSupport() {
    }

    /** The bundled defaults with {@code key=value} overrides (keys relative to {@code facetrain.}). */
    public static TrainingConfig config(String... overrides) {
        return TrainingConfig.fromConfig(ConfigLoader.load(Optional.empty(), Arrays.asList(overrides)));
    }

    /**
     * Renders generated faces (io.facetrain.core.synth) and caches them with {@code preprocess}.
     *
     * @param persons         number of persons
     * @param imagesPerPerson images per person
     * @param size            rendered image side in pixels
     * @param seed            generator seed
     */
    public static FaceImageSet generatedFaces(PreprocessConfig preprocess, int persons, int imagesPerPerson, int size,
                                              long seed) {
        SyntheticFaces faces = new SyntheticFaces(seed, size);
        FaceCropper cropper = new FaceCropper(preprocess);
        List<String> personOf = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<byte[]> pixels = new ArrayList<>();
        for (int p = 0; p < persons; p++) {
            String person = String.format("synth_%05d", p + 1);
            for (int i = 0; i < imagesPerPerson; i++) {
                personOf.add(person);
                ids.add(person + "-" + i);
                paths.add(person + "/" + person + String.format("_%04d.png", i + 1));
                pixels.add(cropper.crop(faces.render(p, i)));
            }
        }
        return FaceImageSet.of(preprocess, personOf, ids, paths, pixels);
    }
}
