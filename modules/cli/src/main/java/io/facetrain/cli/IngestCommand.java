package io.facetrain.cli;

import com.typesafe.config.Config;
import io.facetrain.spark.SparkContexts;
import io.facetrain.spark.SparkSettings;
import io.facetrain.spark.ingest.IngestJob;
import io.facetrain.spark.ingest.IngestResult;
import io.facetrain.spark.ingest.IngestSettings;
import io.facetrain.spark.ingest.RunReport;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code facetrain ingest}: validates and decodes a person-per-folder image tree into Avro shards
 * partitioned by person, with a rejects file and a summary. Everything is checked before Spark starts.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Ingest a folder-per-person image tree (LFW: Name/Name_0001.jpg, ORL: s1/1.pgm; JPEG, PNG,",
            "GIF, BMP, PGM) into Avro shards partitioned by person, a rejects file and _summary.json.",
            "Re-running is incremental: only new or changed files are read and only changed shards rewritten.",
            "Paths may be local (the default) or any Hadoop URI (file:, hdfs:, s3a:). Tuning keys:",
            "facetrain.ingest.* (see conf/facetrain.conf)."})
public final class IngestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "Input root: one sub-folder per person, images directly inside.")
    private String input;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Dataset directory to create or update (not inside --input).")
    private String out;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Dataset name stored in every record (default: the existing dataset's, else the --out folder name).")
    private String dataset;

    @Option(names = "--shards", paramLabel = "N",
            description = "Number of shards of a new dataset, >= 1 (default: one per facetrain.ingest.target-shard-bytes"
                    + " of images). An existing dataset keeps its count.")
    private Integer shards;

    @Override
    public Integer call() {
        Config effective = config.load();
        SparkSettings sparkSettings = SparkSettings.fromConfig(effective);
        IngestSettings settings = IngestSettings.builder(effective)
                .input(input)
                .output(out)
                .dataset(dataset)
                .shards(shards)
                .build();
        IngestJob job = IngestJob.prepare(settings, SparkContexts.hadoopConfiguration(sparkSettings));
        PrintWriter console = spec.commandLine().getOut();
        console.printf("ingest %s -> %s%n", job.input(), job.output());
        IngestResult result;
        try (JavaSparkContext spark = SparkContexts.create(sparkSettings)) {
            result = job.run(spark);
        }
        console.println(result.summary().toJson());
        console.println(describe(result.report()));
        console.flush();
        return 0;
    }

    static String describe(RunReport report) {
        String changes = report.changedAnything()
                ? String.format(Locale.ROOT, "wrote %d shard(s) %s (%d records read from the input, %d copied)%s%s",
                        report.shardsWritten().size(), report.shardsWritten(), report.recordsFromInput(),
                        report.recordsCopied(), report.rejectsWritten() ? ", rejects" : "",
                        report.summaryWritten() ? ", summary" : "")
                : "dataset unchanged, nothing written";
        return String.format(Locale.ROOT,
                "run %s: %d files listed, %d unchanged since the last run, %d examined (%.1f MB)%s; %s;"
                        + " %.1f s (examine %.1f s, write+commit %.1f s), %.0f examined files/s",
                report.runId(), report.filesListed(), report.filesUnchanged(), report.filesExamined(),
                report.bytesRead() / 1e6,
                report.filesNotInInput() > 0 ? ", " + report.filesNotInInput() + " kept from earlier runs but no"
                        + " longer in the input" : "",
                changes, report.totalMillis() / 1000.0, report.examineMillis() / 1000.0,
                report.writeMillis() / 1000.0, report.examinedPerSecond());
    }
}
