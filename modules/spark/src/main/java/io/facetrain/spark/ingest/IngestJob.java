package io.facetrain.spark.ingest;

import io.facetrain.schema.IngestReject;
import io.facetrain.spark.HadoopPaths;
import io.facetrain.spark.SerializableHadoopConfiguration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ingest job: turns a person-per-folder image tree into a dataset of Avro shards partitioned by
 * person, a rejects file and a summary. {@link #prepare} checks everything that can be checked without
 * Spark; {@link #run} does the work in two Spark stages:
 * <ol>
 *   <li>examine the files that are new or changed since the last run (read, hash, decode, one at a time);</li>
 *   <li>on the driver, decide the dataset's content from all verdicts (duplicates need all of them), and
 *       write only the shards whose content changed, one task per shard ({@link ShardPartitioner});</li>
 * </ol>
 * then commit the new files together ({@link DatasetCommit}). Re-running over an unchanged input reads
 * no image and writes no file.
 */
public final class IngestJob {

    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
    private static final Set<String> LAYOUT_NAMES = Set.of(DatasetLayout.SHARDS_DIR, DatasetLayout.REJECTS_DIR,
            DatasetLayout.STATE_DIR, DatasetLayout.SUMMARY_FILE);
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final IngestSettings settings;
    private final Path input;
    private final DatasetLayout layout;

    private IngestJob(IngestSettings settings, Path input, Path output) {
        this.settings = settings;
        this.input = input;
        this.layout = new DatasetLayout(output);
    }

    /**
     * Checks the paths and the existing dataset (if any) against the settings, without starting Spark.
     *
     * @throws IllegalArgumentException naming the path or option that is wrong
     * @throws UncheckedIOException     when a file system cannot be reached
     */
    public static IngestJob prepare(IngestSettings settings, Configuration hadoop) {
        Objects.requireNonNull(settings, "settings");
        try {
            Path input = HadoopPaths.of(settings.input());
            FileSystem inFs = input.getFileSystem(hadoop);
            input = inFs.makeQualified(input);
            if (!inFs.exists(input)) {
                throw new IllegalArgumentException("--input does not exist: " + input);
            }
            if (!inFs.getFileStatus(input).isDirectory()) {
                throw new IllegalArgumentException("--input is not a directory: " + input);
            }
            Path output = HadoopPaths.of(settings.output());
            FileSystem outFs = output.getFileSystem(hadoop);
            output = outFs.makeQualified(output);
            if (HadoopPaths.isSameOrInside(output, input)) {
                throw new IllegalArgumentException("--out " + output + " is inside --input " + input
                        + ": the next run would ingest the dataset itself");
            }
            if (HadoopPaths.isSameOrInside(input, output)) {
                throw new IllegalArgumentException("--input " + input + " is inside --out " + output);
            }
            IngestJob job = new IngestJob(settings, input, output);
            job.checkOutput(outFs);
            return job;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the ingest paths: " + e.getMessage(), e);
        }
    }

    /** The output must be new, empty, or a dataset this run can continue with its name and shard count. */
    private void checkOutput(FileSystem fs) throws IOException {
        Path output = layout.root();
        if (!fs.exists(output)) {
            return;
        }
        if (!fs.getFileStatus(output).isDirectory()) {
            throw new IllegalArgumentException("--out exists and is not a directory: " + output);
        }
        if (fs.exists(layout.catalog())) {
            Catalog catalog = readCatalog(fs);
            settings.dataset().filter(name -> !name.equals(catalog.dataset())).ifPresent(name -> {
                throw new IllegalArgumentException("--out " + output + " holds dataset '" + catalog.dataset()
                        + "', not '" + name + "': a dataset keeps its name (omit --dataset, or use another --out)");
            });
            if (settings.shards().isPresent() && settings.shards().getAsInt() != catalog.shards()) {
                throw new IllegalArgumentException("--shards " + settings.shards().getAsInt() + " does not match the "
                        + catalog.shards() + " shards of the dataset in " + output + ": persons never move between"
                        + " shards (omit --shards, or ingest into a new --out to reshard)");
            }
            return;
        }
        for (FileStatus status : fs.listStatus(output)) {
            String name = status.getPath().getName();
            boolean ours = LAYOUT_NAMES.contains(name) || name.endsWith(DatasetLayout.TEMP_SUFFIX);
            if (!ours) {
                throw new IllegalArgumentException("--out " + output + " is not empty and holds no facetrain dataset"
                        + " (found " + name + "); choose a new or empty directory");
            }
        }
    }

    /** Runs the job on {@code spark}; returns the dataset summary and what the run did. */
    public IngestResult run(JavaSparkContext spark) {
        try {
            return new Run(spark).execute();
        } catch (IOException e) {
            throw new UncheckedIOException("ingest into " + layout.root() + " failed: " + e.getMessage(), e);
        }
    }

    public Path input() {
        return input;
    }

    public Path output() {
        return layout.root();
    }

    private Catalog readCatalog(FileSystem fs) throws IOException {
        Catalog catalog = IngestJson.read(fs, layout.catalog(), Catalog.class);
        if (catalog.version() != Catalog.CURRENT_VERSION) {
            throw new IllegalArgumentException(layout.catalog() + " has format version " + catalog.version()
                    + "; this facetrain reads version " + Catalog.CURRENT_VERSION);
        }
        return catalog;
    }

    /** One execution: its state lives here, not in the (reusable) job. */
    private final class Run {
        private final JavaSparkContext spark;
        private final SerializableHadoopConfiguration hadoop;
        private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        private final String runId = RUN_ID_TIME.format(now) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0xFFFFFF);
        private final long started = System.nanoTime();
        private final FileSystem inFs;
        private final FileSystem outFs;

        Run(JavaSparkContext spark) throws IOException {
            this.spark = spark;
            this.hadoop = new SerializableHadoopConfiguration(spark.hadoopConfiguration());
            this.inFs = input.getFileSystem(hadoop.get());
            this.outFs = layout.root().getFileSystem(hadoop.get());
        }

        IngestResult execute() throws IOException {
            for (Path dir : List.of(layout.shardsDir(), layout.rejectsDir(), layout.stateDir())) {
                outFs.mkdirs(dir);
            }
            DatasetCommit.recover(outFs, layout);
            Catalog previous = outFs.exists(layout.catalog()) ? readCatalog(outFs) : null;

            List<InputFile> listing = InputListing.list(inFs, input);
            LOG.info("ingest {}: {} files under {}", runId, listing.size(), input);
            String dataset = previous != null ? previous.dataset()
                    : settings.dataset().orElse(layout.root().getName());
            int shards = previous != null ? previous.shards() : settings.shards().orElse(derivedShardCount(listing));
            AnalysisSettings analysis = AnalysisSettings.of(settings);

            KnownFiles known = compare(previous, listing, analysis);
            Map<String, FileAnalysis> verdicts = known.verdicts();
            List<InputFile> toRead = known.toRead();

            long examineStart = System.nanoTime();
            examine(toRead, analysis).forEach(verdict -> verdicts.put(verdict.path(), verdict));
            long examineMillis = (System.nanoTime() - examineStart) / 1_000_000;

            Catalog catalog = new Catalog(Catalog.CURRENT_VERSION, dataset, shards, analysis,
                    new ArrayList<>(verdicts.values()));
            DatasetContent content = DatasetContent.plan(catalog.files(), shards);
            DatasetContent before = previous == null ? null : DatasetContent.plan(previous.files(), shards);

            long writeStart = System.nanoTime();
            List<DatasetCommit.Rename> renames = new ArrayList<>();
            List<ShardWriteResult> written = writeShards(content, before, dataset, shards);
            written.forEach(result -> renames.add(new DatasetCommit.Rename(result.temporaryPath(),
                    layout.shard(result.shard()).toString())));
            boolean rejectsWritten = stageRejects(dataset, content, renames);
            IngestSummary summary = IngestSummary.of(dataset, content);
            boolean summaryWritten = stageIfChanged(layout.summary(), IngestJson.pretty(summary), renames);
            boolean catalogWritten = !catalog.equals(previous) && stage(layout.catalog(), IngestJson.compact(catalog), renames);
            DatasetCommit.commit(outFs, layout, runId, renames);
            // Failed or speculative task attempts may have left their own temporary shard files.
            DatasetCommit.recover(outFs, layout);
            long writeMillis = (System.nanoTime() - writeStart) / 1_000_000;

            RunReport report = new RunReport(runId, listing.size(), known.unchanged(), toRead.size(),
                    toRead.stream().mapToLong(InputFile::sizeBytes).sum(), known.notInInput(),
                    written.stream().map(ShardWriteResult::shard).toList(),
                    written.stream().mapToInt(ShardWriteResult::copied).sum(),
                    written.stream().mapToInt(ShardWriteResult::readFromInput).sum(),
                    rejectsWritten, summaryWritten, catalogWritten, examineMillis, writeMillis,
                    (System.nanoTime() - started) / 1_000_000);
            LOG.info("ingest {}: {} persons, {} images, {} rejected, {} skipped; examined {} files, wrote {} shards",
                    runId, summary.persons(), summary.images(), summary.rejected(), summary.skipped().size(),
                    report.filesExamined(), report.shardsWritten().size());
            return new IngestResult(summary, report);
        }

        /**
         * Starts from the previous run's verdicts: a listed file keeps its verdict when its path, size and
         * modification time are unchanged and the limits are the same; files judged by their place alone
         * are judged here; the rest must be read. Verdicts of files no longer listed are kept.
         */
        private KnownFiles compare(Catalog previous, List<InputFile> listing, AnalysisSettings analysis) {
            Map<String, FileAnalysis> verdicts = new TreeMap<>();
            if (previous != null) {
                previous.files().forEach(verdict -> verdicts.put(verdict.path(), verdict));
            }
            boolean verdictsHold = previous != null && previous.analysis().equals(analysis);
            if (previous != null && !verdictsHold) {
                LOG.info("image limits changed since the last run ({} -> {}): examining every file again",
                        previous.analysis(), analysis);
            }
            List<InputFile> toRead = new ArrayList<>();
            int unchanged = 0;
            Set<String> listed = new HashSet<>();
            for (InputFile file : listing) {
                listed.add(file.path());
                FileAnalysis known = verdicts.get(file.path());
                if (verdictsHold && known != null && known.file().equals(file)) {
                    unchanged++;
                } else if (FileAnalyzer.needsReading(file)) {
                    toRead.add(file);
                } else {
                    verdicts.put(file.path(), FileAnalyzer.judgeByPath(file));
                }
            }
            int notInInput = (int) verdicts.keySet().stream().filter(path -> !listed.contains(path)).count();
            return new KnownFiles(verdicts, toRead, unchanged, notInInput);
        }

        /** Stage 1: one verdict per file, computed where the data is; only the verdicts come back. */
        private List<FileAnalysis> examine(List<InputFile> files, AnalysisSettings analysis) {
            if (files.isEmpty()) {
                return List.of();
            }
            int slices = Math.max(1, Math.min(files.size(),
                    Math.max(spark.defaultParallelism() * 4, files.size() / 1000)));
            FileAnalyzer analyzer = new FileAnalyzer(hadoop, input.toString(), analysis);
            spark.setJobDescription("ingest: examine " + files.size() + " files");
            LOG.info("ingest {}: examining {} new or changed files in {} tasks", runId, files.size(), slices);
            return spark.parallelize(files, slices).mapPartitions(analyzer::analyseAll).collect();
        }

        /** Stage 2: rewrite the shards whose planned content differs from what is on disk. */
        private List<ShardWriteResult> writeShards(DatasetContent content, DatasetContent before, String dataset,
                                                   int shards) throws IOException {
            Set<Integer> toWrite = new TreeSet<>();
            List<Tuple2<ShardKey, ShardEntry>> entries = new ArrayList<>();
            for (Map.Entry<Integer, List<ShardEntry>> shard : content.byShard().entrySet()) {
                int index = shard.getKey();
                boolean same = before != null && before.byShard().get(index).equals(shard.getValue())
                        && outFs.exists(layout.shard(index));
                if (!same) {
                    toWrite.add(index);
                    shard.getValue().forEach(entry -> entries.add(new Tuple2<>(entry.key(), entry)));
                }
            }
            if (toWrite.isEmpty()) {
                return List.of();
            }
            ShardWriter writer = new ShardWriter(hadoop, input.toString(), layout.root().toString(), dataset, shards,
                    runId, now, settings.codec(), toWrite);
            spark.setJobDescription("ingest: write " + toWrite.size() + " of " + shards + " shards");
            LOG.info("ingest {}: writing shards {} ({} images)", runId, abbreviate(toWrite), entries.size());
            JavaPairRDD<ShardKey, ShardEntry> plan = spark.parallelizePairs(entries, Math.max(1, Math.min(entries.size(),
                    spark.defaultParallelism())));
            return plan.repartitionAndSortWithinPartitions(new ShardPartitioner(shards))
                    .mapPartitionsWithIndex(writer::writePartition, true)
                    .collect();
        }

        private boolean stageRejects(String dataset, DatasetContent content, List<DatasetCommit.Rename> renames)
                throws IOException {
            List<IngestReject> previous = RejectsFile.read(outFs, layout.rejects());
            List<IngestReject> rejects = RejectsFile.records(dataset, content.rejects(), previous, now);
            if (rejects.equals(previous) && outFs.exists(layout.rejects())) {
                return false;
            }
            Path temp = DatasetLayout.temporary(layout.rejects(), runId);
            RejectsFile.write(outFs, temp, rejects);
            renames.add(new DatasetCommit.Rename(temp.toString(), layout.rejects().toString()));
            return true;
        }

        private boolean stageIfChanged(Path target, byte[] json, List<DatasetCommit.Rename> renames) throws IOException {
            return !Arrays.equals(json, IngestJson.readBytesIfExists(outFs, target)) && stage(target, json, renames);
        }

        private boolean stage(Path target, byte[] json, List<DatasetCommit.Rename> renames) throws IOException {
            Path temp = DatasetLayout.temporary(target, runId);
            IngestJson.write(outFs, temp, json);
            renames.add(new DatasetCommit.Rename(temp.toString(), target.toString()));
            return true;
        }

        /** One shard per {@code target-shard-bytes} of person images, at most one per person. */
        private int derivedShardCount(List<InputFile> listing) {
            long bytes = 0;
            Map<String, Integer> persons = new HashMap<>();
            for (InputFile file : listing) {
                if (file.placement() == Placement.PERSON) {
                    bytes += file.sizeBytes();
                    persons.merge(file.personId(), 1, Integer::sum);
                }
            }
            long byBytes = (bytes + settings.targetShardBytes() - 1) / settings.targetShardBytes();
            return (int) Math.max(1, Math.min(byBytes, Math.max(1, persons.size())));
        }
    }

    /** The verdicts known before examining, the files still to read, and counts for the report. */
    private record KnownFiles(Map<String, FileAnalysis> verdicts, List<InputFile> toRead, int unchanged,
                              int notInInput) {
    }

    private static String abbreviate(Set<Integer> shards) {
        return shards.size() <= 10 ? shards.toString() : shards.size() + " shards";
    }
}
