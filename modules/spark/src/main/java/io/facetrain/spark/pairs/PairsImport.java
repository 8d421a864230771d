package io.facetrain.spark.pairs;

import io.facetrain.core.eval.LfwPairsParser;
import io.facetrain.core.eval.PairList;

import io.facetrain.schema.FacePair;
import io.facetrain.spark.HadoopPaths;
import io.facetrain.spark.ingest.DatasetIndex;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Imports an LFW pairs file into an Avro file of FacePair records, optionally resolving every image
 * reference against an ingested dataset. The output appears complete or not at all (temporary name,
 * then rename).
 */
public final class PairsImport {

    /**
     * What was imported.
     *
     * @param source   the pairs file
     * @param output   the Avro file written
     * @param list     the parsed pairs (as parsed, before resolution)
     * @param resolved pairs with both image ids found (0 without a dataset)
     * @param missing  image references not found in the dataset (empty without a dataset)
     */
    public record Result(Path source, Path output, PairList list, long resolved,
                         List<PairImageResolver.Missing> missing) {
    }

    private PairsImport() {
    }

    /**
     * @param pairsFile the LFW pairs file (local or any Hadoop path)
     * @param output    the Avro file to write
     * @param dataset   an ingested dataset to resolve image ids against, if any
     * @throws IllegalArgumentException for missing paths or a malformed pairs file
     */
    public static Result run(String pairsFile, String output, Optional<String> dataset, Configuration hadoop)
            throws IOException {
        Path source = HadoopPaths.of(pairsFile);
        FileSystem sourceFs = source.getFileSystem(hadoop);
        if (!sourceFs.exists(source) || !sourceFs.getFileStatus(source).isFile()) {
            throw new IllegalArgumentException("--pairs is not a file: " + sourceFs.makeQualified(source));
        }
        Path target = HadoopPaths.of(output);
        FileSystem targetFs = target.getFileSystem(hadoop);
        if (targetFs.exists(target) && targetFs.getFileStatus(target).isDirectory()) {
            throw new IllegalArgumentException("--out is a directory, expected a file name: " + target);
        }
        PairImageResolver resolver = null;
        if (dataset.isPresent()) {
            Path root = HadoopPaths.of(dataset.get());
            resolver = new PairImageResolver(DatasetIndex.read(root.getFileSystem(hadoop), root));
        }

        PairList list;
        try (FSDataInputStream in = sourceFs.open(source);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            list = LfwPairsParser.parse(reader, source.getName());
        }
        List<FacePair> pairs = list.pairs();
        long resolved = 0;
        List<PairImageResolver.Missing> missing = List.of();
        if (resolver != null) {
            PairImageResolver.Resolution resolution = resolver.resolve(pairs);
            pairs = resolution.pairs();
            resolved = resolution.resolvedPairs();
            missing = resolution.missing();
        }
        write(targetFs, target, pairs);
        return new Result(sourceFs.makeQualified(source), targetFs.makeQualified(target), list, resolved, missing);
    }

    private static void write(FileSystem fs, Path target, List<FacePair> pairs) throws IOException {
        if (target.getParent() != null) {
            fs.mkdirs(target.getParent());
        }
        Path temp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        try (DataFileWriter<FacePair> writer = new DataFileWriter<>(new SpecificDatumWriter<>(FacePair.class))) {
            writer.create(FacePair.getClassSchema(), fs.create(temp, true));
            for (FacePair pair : pairs) {
                writer.append(pair);
            }
        }
        if (fs.exists(target) && !fs.delete(target, false)) {
            throw new IOException("cannot replace " + target);
        }
        if (!fs.rename(temp, target)) {
            throw new IOException("cannot rename " + temp + " to " + target);
        }
    }
}
