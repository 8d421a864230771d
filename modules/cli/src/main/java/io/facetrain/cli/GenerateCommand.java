package io.facetrain.cli;

import io.facetrain.core.baseline.ImagePair;
import io.facetrain.core.baseline.PixelView;
import io.facetrain.core.baseline.RawPixelBaseline;
import io.facetrain.core.eval.AccuracyThreshold;
import io.facetrain.core.baseline.VerificationPairs;
import io.facetrain.core.synth.ContactSheet;
import io.facetrain.core.synth.FaceDatasetWriter;
import io.facetrain.core.synth.GeneratorSettings;
import io.facetrain.core.synth.SynthLayout;
import io.facetrain.core.synth.SyntheticFaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code facetrain generate}: renders the synthetic face dataset (one folder of PNG files per person)
 * and optionally measures how well raw pixel distance verifies identities on it.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Render a deterministic synthetic face dataset: one folder of PNG images per person,",
            "the layout ingest reads. Options override the facetrain.generate configuration keys."})
public final class GenerateCommand implements Callable<Integer> {

    private static final int SHEET_PERSONS = 8;
    private static final int SHEET_IMAGES = 6;
    private static final int SHEET_ZOOM = 2;
    private static final int PROGRESS_STEPS = 10;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Dataset directory to create; it must not exist or be empty.")
    private Path out;

    @Option(names = "--persons", paramLabel = "N", description = "Number of persons (default from config: 1000).")
    private Integer persons;

    @Option(names = "--images-per-person", paramLabel = "N", description = "Images per person (default 10).")
    private Integer imagesPerPerson;

    @Option(names = "--size", paramLabel = "PX", description = "Image width and height, >= 32 (default 64).")
    private Integer size;

    @Option(names = "--seed", paramLabel = "N", description = "Dataset seed (default 1).")
    private Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Rendering threads; 0 = one per core (default 0).")
    private Integer threads;

    @Option(names = "--pixel-baseline",
            description = "After writing, read the images back and report the verification accuracy of raw-pixel "
                    + "L2 distance (best threshold, so an optimistic upper bound).")
    private boolean pixelBaseline;

    @Option(names = "--baseline-pairs", paramLabel = "N", defaultValue = "3000",
            description = "Same-person pairs and different-person pairs each for --pixel-baseline (default ${DEFAULT-VALUE}).")
    private int baselinePairs;

    @Option(names = "--contact-sheet", paramLabel = "FILE",
            description = "Also write a PNG grid of the first 8 persons × 6 images (outside the dataset directory).")
    private Path contactSheet;

    @Override
    public Integer call() throws Exception {
        GeneratorSettings settings = settings();
        // Everything that can be wrong with the request is checked before the first file is written.
        FaceDatasetWriter.requireFreshOutput(out);
        List<ImagePair> pairs = pixelBaseline ? baselinePairs(settings) : List.of();
        checkContactSheetPath();

        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "generating %s on %d threads into %s%n", settings, settings.effectiveThreads(), out);
        int step = Math.max(1, settings.persons() / PROGRESS_STEPS);
        FaceDatasetWriter.Summary summary = new FaceDatasetWriter(settings).write(out, (done, total) -> {
            if (done % step == 0 || done == total) {
                printer.printf(Locale.ROOT, "  %d/%d persons (%d images)%n", done, total,
                        (long) done * settings.imagesPerPerson());
            }
        });
        printer.printf(Locale.ROOT, "wrote %d images of %d persons to %s: %.1f MB in %.1f s (%.0f images/s)%n",
                summary.images(), summary.persons(), summary.root(), summary.bytes() / 1e6,
                summary.elapsed().toMillis() / 1000.0, summary.imagesPerSecond());

        if (contactSheet != null) {
            ContactSheet.write(new SyntheticFaces(settings.seed(), settings.size()),
                    Math.min(SHEET_PERSONS, settings.persons()), Math.min(SHEET_IMAGES, settings.imagesPerPerson()),
                    SHEET_ZOOM, contactSheet);
            printer.printf("contact sheet: %s%n", contactSheet);
        }
        if (pixelBaseline) {
            reportBaseline(printer, pairs, settings.seed());
        }
        return 0;
    }

    private GeneratorSettings settings() {
        GeneratorSettings.Builder builder = GeneratorSettings.fromConfig(config.load()).toBuilder();
        if (persons != null) {
            builder.persons(persons);
        }
        if (imagesPerPerson != null) {
            builder.imagesPerPerson(imagesPerPerson);
        }
        if (size != null) {
            builder.size(size);
        }
        if (seed != null) {
            builder.seed(seed);
        }
        if (threads != null) {
            builder.threads(threads);
        }
        return builder.build();
    }

    private List<ImagePair> baselinePairs(GeneratorSettings settings) {
        try {
            return VerificationPairs.sample(settings.persons(), settings.imagesPerPerson(), baselinePairs,
                    baselinePairs, settings.seed());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--pixel-baseline: " + e.getMessage(), e);
        }
    }

    private void checkContactSheetPath() {
        if (contactSheet == null) {
            return;
        }
        Path sheet = contactSheet.toAbsolutePath().normalize();
        if (sheet.startsWith(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--contact-sheet must be outside the dataset directory (ingest would "
                    + "read it as data): " + contactSheet);
        }
        Path parent = sheet.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("--contact-sheet directory does not exist: " + parent);
        }
    }

    private void reportBaseline(PrintWriter printer, List<ImagePair> pairs, long pairSeed) throws Exception {
        long same = pairs.stream().filter(ImagePair::samePerson).count();
        Map<PixelView, AccuracyThreshold> results =
                RawPixelBaseline.measure((person, image) -> SynthLayout.readImage(out, person, image), pairs);
        printer.printf(Locale.ROOT, "raw-pixel L2 verification on %d same + %d different pairs (seed %d), accuracy "
                + "at the best threshold for these pairs (an optimistic upper bound):%n",
                same, pairs.size() - same, pairSeed);
        PixelView bestView = null;
        for (Map.Entry<PixelView, AccuracyThreshold> entry : results.entrySet()) {
            printer.printf(Locale.ROOT, "  %-26s %5.1f%%%n", entry.getKey(), 100 * entry.getValue().accuracy());
            if (bestView == null || entry.getValue().accuracy() > results.get(bestView).accuracy()) {
                bestView = entry.getKey();
            }
        }
        printer.printf(Locale.ROOT, "  %-26s %5.1f%% (%s)%n", "best", 100 * results.get(bestView).accuracy(), bestView);
    }
}
