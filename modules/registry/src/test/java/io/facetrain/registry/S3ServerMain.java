package io.facetrain.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * Entry point of the S3 server process the tests start: S3Proxy over jclouds' filesystem blob
 * store, on 127.0.0.1 with an ephemeral port. It prints {@code PORT <n>} once listening and exits
 * when its standard input closes, so it never outlives the test JVM that started it.
 *
 * <p>Arguments: data directory, bucket, access key, secret key.
 */
public final class S3ServerMain {

    static final String PORT_PREFIX = "PORT ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private S3ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException(
                    "usage: S3ServerMain <data-dir> <bucket> <access-key> <secret-key>");
        }
        Path dataDir = Path.of(args[0]);
        Files.createDirectories(dataDir);
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        try (BlobStoreContext context = ContextBuilder.newBuilder("filesystem").overrides(overrides)
                .buildView(BlobStoreContext.class)) {
            context.getBlobStore().createContainerInLocation(null, args[1]);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, args[2], args[3])
                    .build();
            proxy.start();
            awaitStarted(proxy);
            System.out.println(PORT_PREFIX + proxy.getPort());
            System.out.flush();
            awaitEndOfInput(System.in);
            // The parent is gone or asked us to stop: exit without Jetty's graceful drain of
            // keep-alive connections, which can take minutes.
            Runtime.getRuntime().halt(0);
        }
    }

    private static void awaitStarted(S3Proxy proxy) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("S3Proxy did not start within " + START_TIMEOUT);
            }
            Thread.sleep(10);
        }
    }

    private static void awaitEndOfInput(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        int read;
        do {
            read = in.read(buffer);
        } while (read >= 0);
    }
}
