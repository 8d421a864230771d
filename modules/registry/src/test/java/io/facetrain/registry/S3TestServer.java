package io.facetrain.registry;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;

/**
 * A real S3 HTTP server for the tests: S3Proxy over a filesystem blob store, run as its own JVM
 * ({@link S3ServerMain}) on 127.0.0.1 with an ephemeral port. Being a separate process, it can be
 * killed like a crashed server, and a new one started over the same blobs. Shared with the modules above
 * this one through the registry's test-jar.
 */
public final class S3TestServer implements AutoCloseable {

    public static final String BUCKET = "facetrain-test";
    static final String ACCESS_KEY = "facetrain-test-access";
    static final String SECRET_KEY = "facetrain-test-secret";
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 20;

    private final Path dataDir;
    private final Path workDir;
    private Process process;
    private int port;

    private S3TestServer(Path workDir) {
        this.workDir = workDir;
        this.dataDir = workDir.resolve("blobs");
    }

    /** Starts a server keeping its blobs under {@code workDir}, with the test bucket created. */
    public static S3TestServer start(Path workDir) throws IOException {
        S3TestServer server = new S3TestServer(workDir);
        server.startProcess();
        return server;
    }

    /** Where the blob store keeps the bucket's objects, one file per object. */
    Path bucketDir() {
        return dataDir.resolve(BUCKET);
    }

    int port() {
        return port;
    }

    /** Kills the server process at once, as a crash would: open connections are reset. */
    void kill() throws IOException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("S3 server process did not exit after being killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the S3 server", e);
        } finally {
            process = null;
        }
    }

    /** Starts a server process over the same blobs unless one is running. */
    void ensureRunning() throws IOException {
        if (process == null || !process.isAlive()) {
            restart();
        }
    }

    /** Starts a new server process, on a new ephemeral port, over the same blobs. */
    void restart() throws IOException {
        kill();
        startProcess();
    }

    /** S3A settings that reach this server: path-style, plain HTTP, static keys, fast failure. */
    public Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        conf.set("fs.s3a.endpoint", "http://127.0.0.1:" + port);
        conf.set("fs.s3a.endpoint.region", "us-east-1");
        conf.setBoolean("fs.s3a.path.style.access", true);
        conf.setBoolean("fs.s3a.connection.ssl.enabled", false);
        conf.set("fs.s3a.aws.credentials.provider",
                "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        conf.set("fs.s3a.access.key", ACCESS_KEY);
        conf.set("fs.s3a.secret.key", SECRET_KEY);
        conf.set("fs.s3a.buffer.dir", workDir.resolve("s3a-buffer").toString());
        // A stopped server must fail a test in seconds, not after S3A's minutes of retries.
        conf.setInt("fs.s3a.attempts.maximum", 1);
        conf.setInt("fs.s3a.retry.limit", 1);
        conf.set("fs.s3a.retry.interval", "50ms");
        conf.setInt("fs.s3a.retry.throttle.limit", 1);
        conf.set("fs.s3a.retry.throttle.interval", "50ms");
        conf.setInt("fs.s3a.connection.establish.timeout", 2_000);
        conf.setInt("fs.s3a.connection.timeout", 10_000);
        conf.set("fs.s3a.directory.marker.retention", "keep");
        return conf;
    }

    private void startProcess() throws IOException {
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        // A short-lived test server: start fast rather than optimise long-running code.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(serverClasspath());
        command.add(S3ServerMain.class.getName());
        command.add(dataDir.toString());
        command.add(BUCKET);
        command.add(ACCESS_KEY);
        command.add(SECRET_KEY);
        Process started = new ProcessBuilder(command)
                .redirectError(workDir.resolve("s3-server.log").toFile())
                .start();
        CompletableFuture<Integer> announcedPort = CompletableFuture.supplyAsync(() -> readPort(started));
        try {
            port = announcedPort.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            process = started;
        } catch (InterruptedException e) {
            started.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the S3 server", e);
        } catch (ExecutionException | TimeoutException e) {
            started.destroyForcibly();
            throw new IOException("S3 server did not start; see " + workDir.resolve("s3-server.log"), e);
        }
    }

    /**
     * The registry module's test classpath (written by the build next to this class) plus wherever
     * {@link S3ServerMain} itself was loaded from: a module using this server from the test-jar may have
     * other versions of S3Proxy's libraries on its own classpath.
     */
    private static String serverClasspath() throws IOException {
        try (InputStream listing = S3TestServer.class.getResourceAsStream("s3-server.classpath")) {
            if (listing == null) {
                throw new IOException("s3-server.classpath is missing next to " + S3TestServer.class.getName()
                        + ": the registry module's build writes it (maven-dependency-plugin, build-classpath)");
            }
            String dependencies = new String(listing.readAllBytes(), StandardCharsets.UTF_8).trim();
            String self;
            try {
                self = Path.of(S3ServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (URISyntaxException e) {
                throw new IOException("cannot locate the classes of " + S3ServerMain.class.getName(), e);
            }
            return self + File.pathSeparator + dependencies;
        }
    }

    private static int readPort(Process process) {
        BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith(S3ServerMain.PORT_PREFIX)) {
                    return Integer.parseInt(line.substring(S3ServerMain.PORT_PREFIX.length()).trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the S3 server's output", e);
        }
        throw new IllegalStateException("S3 server exited before announcing its port");
    }

    @Override
    public void close() throws IOException {
        kill();
    }
}
