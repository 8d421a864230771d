package io.facetrain.cli;

import io.facetrain.core.data.TestShards;

import java.nio.file.Path;
import java.util.stream.Stream;

/** A training run small enough for an integration test: a few generated persons, a tiny encoder, 2 × 2 steps. */
final class TinyTraining {

    private static final String[] SETTINGS = {
        "--set", "train.encoder.architecture=compact", "--set", "train.encoder.width=2",
        "--set", "train.encoder.embedding-dim=8", "--set", "train.preprocess.input-size=16",
        "--set", "train.mining.persons-per-batch=4", "--set", "train.mining.images-per-person=3",
        "--set", "train.mining.single-negatives=0", "--set", "train.schedule.rounds=2",
        "--set", "train.schedule.steps-per-round=2", "--set", "train.validation.fraction=0.25",
        "--set", "train.validation.same-pairs=10", "--set", "train.validation.different-pairs=10",
        "--set", "evaluation.verification.folds=2", "--set", "train.data.threads=1"};

    private TinyTraining() {
    }

    /** {@code command} followed by the tiny settings. */
    static String[] arguments(String... command) {
        return Stream.concat(Stream.of(command), Stream.of(SETTINGS)).toArray(String[]::new);
    }

    /** {@code arguments} followed by one {@code --set} per override (key=value); later settings win. */
    static String[] with(String[] arguments, String... overrides) {
        return Stream.concat(Stream.of(arguments), Stream.of(overrides).flatMap(o -> Stream.of("--set", o)))
                .toArray(String[]::new);
    }

    /** An ingested dataset of generated faces in {@code dir/faces}, two shards. */
    static Path dataset(Path dir, int persons, int imagesPerPerson) {
        Path dataset = dir.resolve("faces");
        TestShards.writeGenerated(dataset, persons, imagesPerPerson, 32, 3, 2);
        return dataset;
    }
}
