package io.facetrain.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code facetrain demo}: the whole pipeline on the embedded default dataset, through the same commands a
 * user runs on real data: generate synthetic faces, ingest them with Spark, train an encoder on Spark,
 * evaluate it and publish it to a registry.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the pipeline end to end on generated faces: generate -> ingest -> train -> publish.",
            "Writes <out>/faces (PNG per person), <out>/dataset (Avro shards), <out>/model (model + report) and",
            "<out>/registry (the model registry, model 'generated-faces'). Training runs on Spark in this JVM",
            "with one synchronous worker per core and the embedded parameter server.",
            "Training uses settings tuned for generated faces (48 px, width 32, 10 x 50 steps, 10-minute budget);",
            "they take precedence over --config. --config and --set apply to every step; --set wins over all."})
public final class DemoCommand implements Callable<Integer> {

    /**
     * Training settings for generated faces, applied before the user's --set (which win). Generated faces
     * are whole heads, not LFW's loose crops, so most of the frame is kept; they carry less fine detail than
     * real faces, so 48 px inputs lose nothing and buy throughput for a wider encoder. The schedule (10 x 50
     * synchronous steps, peak learning rate 2e-3) decays fully within the 10-minute budget: with one worker
     * per core each step trains on one P x K batch per worker, so on 2 cores it sees the images 1,000
     * single-process steps would. Measured: docs/benchmarks.md, "Demo".
     */
    static final List<String> GENERATED_FACES_TRAINING = List.of(
            "train.preprocess.crop-fraction=0.85",
            "train.preprocess.input-size=48",
            "train.encoder.width=32",
            "train.optimizer.learning-rate=2e-3",
            "train.schedule.rounds=10",
            "train.schedule.steps-per-round=50",
            "train.validation.every-rounds=2",
            "train.schedule.time-budget=10m");

    /** The name the demo publishes its model under, in the registry under {@code --out}. */
    static final String MODEL_NAME = "generated-faces";

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for everything the demo writes; must not exist or be empty.")
    private Path out;

    @Option(names = "--persons", paramLabel = "N", defaultValue = "1000",
            description = "Persons to generate (default ${DEFAULT-VALUE}: the reference size, 10k images).")
    private int persons;

    @Option(names = "--images-per-person", paramLabel = "N", defaultValue = "10",
            description = "Images per person (default ${DEFAULT-VALUE}).")
    private int imagesPerPerson;

    @Option(names = "--config", paramLabel = "FILE", description = "HOCON file passed to every step.")
    private Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Configuration override passed to every step.")
    private List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        requireFreshDirectory(out);
        Path faces = out.resolve("faces");
        Path dataset = out.resolve("dataset");
        Path model = out.resolve("model");
        Path registry = out.resolve("registry");
        int code = step("generate", new GenerateCommand(), "--out", faces.toString(),
                "--persons", Integer.toString(persons), "--images-per-person", Integer.toString(imagesPerPerson));
        if (code == 0) {
            code = step("ingest", new IngestCommand(), "--input", faces.toString(), "--out", dataset.toString(),
                    "--dataset", "generated-faces");
        }
        if (code == 0) {
            List<String> train = new ArrayList<>(List.of("--data", dataset.toString(), "--out", model.toString(),
                    "--registry", registry.toUri().toString(), "--model", MODEL_NAME));
            for (String setting : GENERATED_FACES_TRAINING) {
                train.add("--set");
                train.add(setting);
            }
            code = step("train", new TrainCommand(), train.toArray(String[]::new));
        }
        if (code == 0) {
            spec.commandLine().getOut().printf("demo finished: faces %s, dataset %s, model and report %s, registry %s"
                    + " (model '%s')%n", faces, dataset, model, registry, MODEL_NAME);
        }
        return code;
    }

    private int step(String name, Object command, String... args) {
        PrintWriter console = spec.commandLine().getOut();
        console.printf("== %s%n", name);
        console.flush();
        List<String> all = new ArrayList<>(List.of(args));
        if (configFile != null) {
            all.add("--config");
            all.add(configFile.toString());
        }
        for (String override : overrides) {
            all.add("--set");
            all.add(override);
        }
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(console);
        commandLine.setErr(spec.commandLine().getErr());
        OneLineErrors errors = new OneLineErrors();
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        return commandLine.execute(all.toArray(String[]::new));
    }

    private static void requireFreshDirectory(Path dir) throws IOException {
        if (Files.isRegularFile(dir)) {
            throw new IllegalArgumentException("--out is a file, not a directory: " + dir);
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--out must not exist or be empty: " + dir);
                }
            }
        }
    }
}
