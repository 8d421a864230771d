package io.facetrain.cli;

import io.facetrain.core.data.TestShards;
import io.facetrain.core.synth.SyntheticFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code facetrain train --registry --model --workers --master}: the Spark trainer with two synchronous
 * workers publishes a version the {@code models} commands then see, and a plan that cannot run is refused
 * before Spark starts.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TrainCommandIT {

    private static final String[] TINY = {
        "--set", "train.encoder.architecture=compact", "--set", "train.encoder.width=2",
        "--set", "train.encoder.embedding-dim=8", "--set", "train.preprocess.input-size=16",
        "--set", "train.mining.persons-per-batch=4", "--set", "train.mining.images-per-person=3",
        "--set", "train.mining.single-negatives=0", "--set", "train.schedule.rounds=2",
        "--set", "train.schedule.steps-per-round=2", "--set", "train.validation.fraction=0.25",
        "--set", "train.validation.same-pairs=10", "--set", "train.validation.different-pairs=10",
        "--set", "evaluation.verification.folds=2", "--set", "train.data.threads=1"};

    @TempDir
    Path dir;

    @Test
    void trainsWithTwoWorkersAndPublishesToTheRegistry() throws IOException {
        Path dataset = dataset(16, 4);
        Path registry = dir.resolve("registry");

        CliTestSupport.Result train = CliTestSupport.run(concat(new String[] {"train", "--data", dataset.toString(),
            "--registry", registry.toString(), "--model", "faces", "--workers", "2", "--master", "local[2]"}, TINY));

        assertEquals(0, train.exitCode(), train.err() + train.out());
        assertTrue(train.out().contains("round 2/2 step 4/4"), train.out());
        assertTrue(train.out().contains("published faces v0001 (latest)"), train.out());
        CliTestSupport.Result list = CliTestSupport.run("models", "list", "--registry", registry.toString(), "--model",
                "faces");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("v0001"), list.out());
    }

    @Test
    void moreWorkersThanSlotsIsAUsageErrorBeforeSparkStarts() throws IOException {
        Path dataset = dataset(12, 3);

        CliTestSupport.Result r = CliTestSupport.run(concat(new String[] {"train", "--data", dataset.toString(),
            "--out", dir.resolve("out").toString(), "--workers", "3", "--master", "local[2]"}, TINY));

        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("needs 3 task slots") && r.err().contains("local[2] has 2"), r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("faces"), files.map(p -> p.getFileName().toString()).toList(), "nothing written");
        }
    }

    private Path dataset(int persons, int images) {
        SyntheticFaces faces = new SyntheticFaces(3, 32);
        Map<String, List<BufferedImage>> byPerson = new LinkedHashMap<>();
        for (int p = 0; p < persons; p++) {
            List<BufferedImage> list = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                list.add(faces.render(p, i));
            }
            byPerson.put(String.format("synth_%05d", p + 1), list);
        }
        Path dataset = dir.resolve("faces");
        TestShards.write(dataset, byPerson, 2);
        return dataset;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
