package io.facetrain.spark.train;

import io.facetrain.core.config.ConfigLoader;
import io.facetrain.core.data.TestShards;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Configurations and generated ingested datasets for the distributed trainer's tests. */
final class TrainingFixtures {

    /** A compact encoder on 16-px inputs with small P×K batches: seconds per round on two cores. */
    static final String[] TINY = {
        "train.encoder.architecture=compact", "train.encoder.width=2", "train.encoder.embedding-dim=8",
        "train.preprocess.input-size=16", "train.preprocess.crop-fraction=0.9", "train.mining.persons-per-batch=4",
        "train.mining.images-per-person=3", "train.mining.single-negatives=0", "train.mining.margin=0.5",
        "train.validation.same-pairs=20", "train.validation.different-pairs=20", "train.validation.fraction=0.25",
        "train.validation.every-rounds=0", "train.validation.identification=false",
        "train.validation.baselines=false", "train.validation.flip-average=false",
        "evaluation.verification.folds=2", "train.data.threads=1"};

    private TrainingFixtures() {
    }

    /** The bundled defaults with {@code key=value} overrides (keys relative to {@code facetrain.}). */
    static DistributedTrainingConfig config(String... overrides) {
        return DistributedTrainingConfig.fromConfig(ConfigLoader.load(Optional.empty(), Arrays.asList(overrides)));
    }

    /** Java serialisation, as Spark ships task closures. */
    static byte[] serialize(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static <T> T deserialize(byte[] bytes, Class<T> type) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return type.cast(in.readObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /**
     * Writes an ingested dataset of generated faces ({@code synth_00001} ...), {@code images} per person,
     * persons dealt round-robin over {@code shards} shard files.
     */
    static Path generatedDataset(Path dir, int persons, int images, int size, long seed, int shards) {
        Path dataset = dir.resolve("faces");
        TestShards.writeGenerated(dataset, persons, images, size, seed, shards);
        return dataset;
    }

    /** The same with {@code imagesOfPerson[p]} images of person p. */
    static Path generatedDataset(Path dir, int[] imagesOfPerson, int size, long seed, int shards) {
        Path dataset = dir.resolve("faces");
        TestShards.writeGenerated(dataset, imagesOfPerson, size, seed, shards);
        return dataset;
    }
}
