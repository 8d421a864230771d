package io.facetrain.cli;

import io.facetrain.spark.SparkContexts;
import io.facetrain.spark.SparkSettings;
import io.facetrain.spark.pairs.PairImageResolver;
import io.facetrain.spark.pairs.PairsImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code facetrain pairs import}: converts an LFW pairs file (pairs.txt, pairsDevTrain.txt,
 * pairsDevTest.txt) into an Avro file of FacePair records, optionally resolving image ids.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import an LFW pairs file (first line 'N' for View 1 or 'FOLDS N' for View 2; then",
            "'name i j' and 'name1 i name2 j' lines) into an Avro file of FacePair records."})
public final class PairsImportCommand implements Callable<Integer> {

    /** Missing references listed one per line; the rest are counted. */
    private static final int MISSING_SHOWN = 20;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "The LFW pairs file to read.")
    private String pairs;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The Avro file of pairs to write.")
    private String out;

    @Option(names = "--data", paramLabel = "DATASET_DIR",
            description = "An ingested dataset: fill in each pair's image ids (person + image number -> file) and"
                    + " report references the dataset does not have.")
    private String data;

    @Override
    public Integer call() throws Exception {
        SparkSettings sparkSettings = SparkSettings.fromConfig(config.load());
        PairsImport.Result result = PairsImport.run(pairs, out, Optional.ofNullable(data),
                SparkContexts.hadoopConfiguration(sparkSettings));
        PrintWriter console = spec.commandLine().getOut();
        console.printf("imported %d pairs (%d same-person, %d different-person) in %d fold(s) from %s to %s%n",
                result.list().pairs().size(), result.list().samePairs(), result.list().differentPairs(),
                result.list().folds(), result.source(), result.output());
        if (data != null) {
            List<PairImageResolver.Missing> missing = result.missing();
            console.printf("resolved both images of %d of %d pairs against %s%n", result.resolved(),
                    result.list().pairs().size(), data);
            if (!missing.isEmpty()) {
                console.printf("%d image reference(s) not found; their image ids are left empty:%n", missing.size());
                missing.stream().limit(MISSING_SHOWN).forEach(m -> console.println("  " + m));
                if (missing.size() > MISSING_SHOWN) {
                    console.printf("  ... and %d more%n", missing.size() - MISSING_SHOWN);
                }
            }
        }
        console.flush();
        return 0;
    }
}
