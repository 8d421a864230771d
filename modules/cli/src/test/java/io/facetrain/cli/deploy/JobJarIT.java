package io.facetrain.cli.deploy;

import io.facetrain.cli.FacetrainMain;
import io.facetrain.spark.testing.JvmOptions;
import io.facetrain.spark.testing.RepositoryRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job jar (modules/cli, classifier "job") and deploy/spark-submit.sh, run the way a cluster runs them but
 * without a Spark distribution: the script submits through a stand-in installation whose jars/ holds only
 * what Spark ships, so everything else must come from the job jar.
 */
class JobJarIT {

    /**
     * Libraries facetrain uses at compile scope that every Spark 3.5 installation ships (at the versions the
     * parent pom pins to match Spark): the job jar leaves them out and the stand-in installation carries them.
     */
    private static final Set<String> SHIPPED_BY_SPARK = Set.of(
            "avro", "avro-mapred", "jackson-core", "jackson-databind", "jackson-annotations", "commons-io",
            "commons-lang3", "commons-compress", "commons-codec", "commons-collections4", "commons-math3",
            "commons-text", "slf4j-api", "jul-to-slf4j", "jcl-over-slf4j", "joda-time", "hadoop-client-api",
            "hadoop-client-runtime", "scala-library", "zstd-jni", "snappy-java", "lz4-java", "xz", "commons-logging", "jsr305");

    /** S3A (~280 MB): the container image or --jars brings it where S3 is used (deploy/README.md). */
    private static final Set<String> S3A = Set.of("hadoop-aws", "aws-java-sdk-bundle", "wildfly-openssl");

    /** The shade plugin's relocations (modules/cli/pom.xml). */
    private static final Map<String, String> RELOCATED = Map.of("com/google/gson/", "io/facetrain/shaded/gson/");

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    static Path sparkHome;

    private static BuildOutputs build;
    private static Path jobJar;
    private static SubmitScript script;

    @BeforeAll
    static void installStandInSpark() throws IOException {
        build = BuildOutputs.ofThisModule();
        jobJar = build.jobJar();
        List<Path> sparkJars = new ArrayList<>(build.providedJars());
        build.runtimeJars().stream()
                .filter(jar -> SHIPPED_BY_SPARK.contains(new Dependency(jar).artifactId()))
                .forEach(sparkJars::add);
        FakeSparkInstallation.create(sparkHome, sparkJars);
        script = new SubmitScript(RepositoryRoot.find().resolve("deploy/spark-submit.sh"), sparkHome, RUN_TIMEOUT);
    }

    @Test
    void jobJarRunsFacetrainMainAndCarriesNeitherSparkNorWhatSparkShips() throws IOException {
        try (JarFile jar = new JarFile(jobJar.toFile())) {
            assertEquals("io.facetrain.cli.FacetrainMain", jar.getManifest().getMainAttributes().getValue("Main-Class"));
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            for (String foreign : List.of("org/apache/spark/", "scala/", "org/apache/hadoop/", "org/apache/avro/",
                    "com/fasterxml/jackson/", "org/slf4j/", "org/apache/logging/", "com/google/gson/",
                    "com/amazonaws/")) {
                assertTrue(names.stream().noneMatch(name -> name.startsWith(foreign)), "job jar contains " + foreign);
            }
            assertTrue(names.stream().noneMatch(name -> name.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")),
                    "signature files of the merged jars must be stripped");
            for (String needed : List.of("io/facetrain/cli/FacetrainMain.class", "io/facetrain/core/config/facetrain.conf",
                    "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64/libnd4jcpu.so",
                    "org/bytedeco/openblas/linux-x86_64/libopenblas.so.0", "picocli/CommandLine.class")) {
                assertTrue(names.contains(needed), "job jar lacks " + needed);
            }
        }
    }

    /** ServiceLoader fails on a listed provider that is missing; ND4J finds its backend this way. */
    @Test
    void everyServiceProviderTheJobJarListsIsInIt() throws IOException {
        try (JarFile jar = new JarFile(jobJar.toFile())) {
            JarEntry backends = jar.getJarEntry("META-INF/services/org.nd4j.linalg.factory.Nd4jBackend");
            assertTrue(backends != null, "no ND4J backend service file");
            assertEquals(List.of("org.nd4j.linalg.cpu.nativecpu.CpuBackend"), providers(jar, backends));
            List<String> missing = new ArrayList<>();
            for (JarEntry entry : jar.stream().filter(e -> e.getName().startsWith("META-INF/services/") && !e.isDirectory()).toList()) {
                for (String provider : providers(jar, entry)) {
                    if (jar.getJarEntry(provider.replace('.', '/') + ".class") == null) {
                        missing.add(entry.getName() + ": " + provider);
                    }
                }
            }
            assertEquals(List.of(), missing);
        }
    }

    /** The include list of the shade plugin is explicit: a new dependency must be added there or be Spark's. */
    @Test
    void everyRuntimeDependencyIsInTheJobJarOrShippedBySpark() throws IOException {
        Set<String> unaccounted = new TreeSet<>();
        try (JarFile jar = new JarFile(jobJar.toFile())) {
            for (Path path : build.runtimeJars()) {
                Dependency dependency = new Dependency(path);
                String artifact = dependency.artifactId();
                Optional<String> content = dependency.someContentEntry();
                if (content.isEmpty()) {
                    continue; // a jar of metadata only (e.g. nd4j-native-preset's platform jar): nothing to carry
                }
                boolean bundled = isBundled(jar, content.get());
                if (SHIPPED_BY_SPARK.contains(artifact) || S3A.contains(artifact)) {
                    assertFalse(bundled, artifact + " is Spark's or S3A's yet bundled in the job jar");
                } else if (!bundled) {
                    unaccounted.add(artifact + " (" + path + ")");
                }
            }
        }
        assertEquals(Set.of(), unaccounted, "runtime dependencies neither in the job jar nor shipped by Spark: add "
                + "them to the maven-shade-plugin includes of modules/cli/pom.xml (or, if Spark ships them, to "
                + "SHIPPED_BY_SPARK)");
    }

    @Test
    @Timeout(300)
    void theScriptRunsTheJobJarsCommandsThroughSparkSubmit(@TempDir Path dir) throws IOException, InterruptedException {
        SubmitScript.Result help = script.run(dir, Map.of(), "--master", "local[2]", "--", "--help");
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().contains("Usage: facetrain"), help.output());
        assertTrue(help.output().contains("ingest"), help.output());

        Path faces = dir.resolve("faces");
        facetrain("generate", "--out", faces.toString(), "--persons", "12", "--images-per-person", "4", "--size", "32",
                "--threads", "1");
        Path dataset = dir.resolve("dataset");
        SubmitScript.Result ingest = script.run(dir, Map.of(), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--", "ingest", "--input", faces.toString(), "--out", dataset.toString());
        assertEquals(0, ingest.exitCode(), ingest.output());
        String summary = Files.readString(dataset.resolve("_summary.json"));
        assertTrue(summary.replace(" ", "").contains("\"persons\":12"), summary);
        assertTrue(summary.replace(" ", "").contains("\"images\":48"), summary);
        try (Stream<Path> shards = Files.list(dataset.resolve("shards"))) {
            assertTrue(shards.anyMatch(shard -> shard.getFileName().toString().endsWith(".avro")), "no shard written");
        }

        // The distributed trainer needs the most of the jar: DL4J in the tasks, Aeron on both sides, the registry.
        Path registry = dir.resolve("registry");
        SubmitScript.Result train = script.run(dir, Map.of(), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--", "train", "--data", dataset.toString(), "--registry", registry.toString(), "--model", "faces",
                "--workers", "2", "--set", "train.encoder.architecture=compact", "--set", "train.encoder.width=2",
                "--set", "train.encoder.embedding-dim=8", "--set", "train.preprocess.input-size=16",
                "--set", "train.mining.persons-per-batch=3", "--set", "train.mining.images-per-person=2",
                "--set", "train.schedule.rounds=1", "--set", "train.schedule.steps-per-round=2",
                "--set", "train.validation.fraction=0.25", "--set", "train.validation.same-pairs=10",
                "--set", "train.validation.different-pairs=10", "--set", "evaluation.verification.folds=2");
        assertEquals(0, train.exitCode(), train.output());
        assertTrue(train.output().contains("published faces v0001 (latest)"), train.output());
        assertTrue(Files.isRegularFile(registry.resolve("faces/v0001/_COMMITTED")), train.output());
    }

    @Test
    @Timeout(300)
    void nd4jLoadsFromTheJobJarInTasksAndEveryJvmGetsTheFlags(@TempDir Path dir) throws IOException, InterruptedException {
        Path probeJar = probeJar(dir.resolve("probe.jar"));
        SubmitScript.Result run = script.run(dir, Map.of(), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.task.cpus=2", "--driver-java-options", "-Dfacetrain.probe=driver",
                "--conf", "spark.executor.extraJavaOptions=-Dfacetrain.probe=executor",
                "--jars", probeJar.toString(), "--class", JobJarProbe.class.getName(), "--", "probe");
        assertEquals(0, run.exitCode(), run.output());
        Map<String, String> report = report(run.output());
        assertEquals("CpuBackend:12,CpuBackend:24,CpuBackend:40,CpuBackend:60", report.get("tasks"), run.output());
        List<String> flags = JvmOptions.ofRepository().flags();
        List<String> driverJvm = Arrays.asList(report.get("driver.jvm").split(" "));
        assertTrue(driverJvm.containsAll(flags), "driver JVM: " + driverJvm);
        assertTrue(driverJvm.contains("-Dfacetrain.probe=driver"), "--driver-java-options is merged: " + driverJvm);
        assertEquals(JvmOptions.ofRepository().asOptionString() + " -Dfacetrain.probe=executor",
                report.get("executor.java.options"));
        assertEquals("2", report.get("executor.omp"), "OMP threads = spark.task.cpus");
        assertEquals("2", report.get("driver.omp"));
    }

    @Test
    @Timeout(60)
    void theScriptRefusesAMissingSeparatorOrSparkHome(@TempDir Path dir) throws IOException, InterruptedException {
        SubmitScript.Result noSeparator = script.run(dir, Map.of(), "--master", "local[2]", "ingest");
        assertEquals(2, noSeparator.exitCode(), noSeparator.output());
        assertTrue(noSeparator.output().contains("no '--'"), noSeparator.output());
        SubmitScript.Result noHome = new SubmitScript(RepositoryRoot.find().resolve("deploy/spark-submit.sh"),
                dir.resolve("no-spark-here"), RUN_TIMEOUT).run(dir, Map.of(), "--", "--help");
        assertEquals(2, noHome.exitCode(), noHome.output());
        assertTrue(noHome.output().contains("bin/spark-submit is missing"), noHome.output());
    }

    private static boolean isBundled(JarFile jobJar, String contentEntry) {
        String name = contentEntry;
        for (Map.Entry<String, String> relocation : RELOCATED.entrySet()) {
            if (name.startsWith(relocation.getKey())) {
                name = relocation.getValue() + name.substring(relocation.getKey().length());
            }
        }
        return jobJar.getJarEntry(name) != null;
    }

    private static List<String> providers(JarFile jar, JarEntry serviceFile) throws IOException {
        String content = new String(jar.getInputStream(serviceFile).readAllBytes(), StandardCharsets.UTF_8);
        return content.lines()
                .map(line -> line.replaceFirst("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .toList();
    }

    /** Runs a facetrain command in this JVM. */
    private static void facetrain(String... args) {
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output, true);
        assertEquals(0, FacetrainMain.execute(args, writer, writer), output.toString());
    }

    /** The probe's class files (from this module's test classes) as a jar of their own. */
    private static Path probeJar(Path jarFile) throws IOException {
        String packageDir = JobJarProbe.class.getPackageName().replace('.', '/');
        Path classes = Path.of(JobJarProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        try (OutputStream out = Files.newOutputStream(jarFile); JarOutputStream jar = new JarOutputStream(out);
             Stream<Path> files = Files.list(classes.resolve(packageDir))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(JobJarProbe.class.getSimpleName())).toList()) {
                jar.putNextEntry(new JarEntry(packageDir + "/" + file.getFileName()));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
        return jarFile;
    }

    private static Map<String, String> report(String output) {
        Map<String, String> report = new HashMap<>();
        output.lines().filter(line -> line.matches("[a-z.]+=.*")).forEach(line -> {
            int eq = line.indexOf('=');
            report.put(line.substring(0, eq), line.substring(eq + 1));
        });
        return report;
    }
}
