package io.facetrain.registry;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The registry contract on S3 through Hadoop's S3A connector, against a real S3 HTTP server
 * (S3Proxy, its own process) on 127.0.0.1. Each test gets its own prefix in one bucket.
 */
class S3RegistryIT extends RegistryContract {

    private static Path serverDir;
    private static S3TestServer server;

    @BeforeAll
    static void startServer() throws IOException {
        serverDir = Files.createTempDirectory("facetrain-s3-it");
        server = S3TestServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
        TestFiles.deleteRecursively(serverDir);
    }

    @Override
    URI newRoot() {
        return URI.create("s3a://" + S3TestServer.BUCKET + "/registry-" + UUID.randomUUID());
    }

    @Override
    int claimRaceRounds() {
        return 12;
    }

    @Override
    Configuration hadoopConf() {
        return server.hadoopConfiguration();
    }
}
