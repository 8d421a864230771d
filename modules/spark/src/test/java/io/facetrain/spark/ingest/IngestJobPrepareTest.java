package io.facetrain.spark.ingest;

import io.facetrain.core.config.ConfigLoader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Everything {@link IngestJob#prepare} refuses, before any Spark context exists. */
class IngestJobPrepareTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void missingInputIsNamed() {
        String missing = dir.resolve("no-such-folder").toString();
        IllegalArgumentException e = refused(missing, dir.resolve("out").toString(), null, null);
        assertEquals("--input does not exist: file:" + missing, e.getMessage());
    }

    @Test
    void inputMustBeADirectory() throws IOException {
        Files.writeString(dir.resolve("file.txt"), "x");
        IllegalArgumentException e = refused(dir.resolve("file.txt").toString(), dir.resolve("out").toString(), null, null);
        assertTrue(e.getMessage().startsWith("--input is not a directory"), e.getMessage());
    }

    @Test
    void outputInsideInputIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("in"));
        IllegalArgumentException e = refused(dir.resolve("in").toString(), dir.resolve("in/dataset").toString(), null, null);
        assertTrue(e.getMessage().contains("is inside --input"), e.getMessage());
        IllegalArgumentException same = refused(dir.resolve("in").toString(), dir.resolve("in").toString() + "/", null, null);
        assertTrue(same.getMessage().contains("is inside --input"), same.getMessage());
    }

    @Test
    void inputInsideOutputIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("out/raw"));
        IllegalArgumentException e = refused(dir.resolve("out/raw").toString(), dir.resolve("out").toString(), null, null);
        assertTrue(e.getMessage().contains("is inside --out"), e.getMessage());
    }

    @Test
    void aSiblingWithACommonPrefixIsNotInside() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        IngestJob job = prepare(dir.resolve("data").toString(), dir.resolve("data-out").toString(), null, null);
        assertEquals("data-out", job.output().getName());
    }

    @Test
    void aNonEmptyForeignOutputIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("in"));
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/holiday.jpg"), "x");
        IllegalArgumentException e = refused(dir.resolve("in").toString(), dir.resolve("out").toString(), null, null);
        assertTrue(e.getMessage().contains("holds no facetrain dataset (found holiday.jpg)"), e.getMessage());
    }

    @Test
    void anExistingDatasetKeepsItsNameAndShardCount() throws IOException {
        Files.createDirectories(dir.resolve("in"));
        java.nio.file.Path out = dir.resolve("out");
        DatasetLayout layout = new DatasetLayout(new Path(out.toUri()));
        FileSystem fs = FileSystem.getLocal(new Configuration());
        IngestJson.write(fs, layout.catalog(), IngestJson.compact(new Catalog(Catalog.CURRENT_VERSION, "lfw", 4,
                new AnalysisSettings(32, 32, 100, 100), List.of())));
        String in = dir.resolve("in").toString();

        IllegalArgumentException shards = refused(in, out.toString(), null, 3);
        assertTrue(shards.getMessage().startsWith("--shards 3 does not match the 4 shards"), shards.getMessage());
        IllegalArgumentException name = refused(in, out.toString(), "orl", null);
        assertTrue(name.getMessage().contains("holds dataset 'lfw', not 'orl'"), name.getMessage());
        prepare(in, out.toString(), "lfw", 4);
        prepare(in, out.toString(), null, null);
    }

    private static IngestJob prepare(String input, String output, String dataset, Integer shards) {
        IngestSettings settings = IngestSettings.builder(ConfigLoader.defaults())
                .input(input).output(output).dataset(dataset).shards(shards).build();
        return IngestJob.prepare(settings, new Configuration());
    }

    private static IllegalArgumentException refused(String input, String output, String dataset, Integer shards) {
        return assertThrows(IllegalArgumentException.class, () -> prepare(input, output, dataset, shards));
    }
}
