package io.facetrain.registry;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;

/** The registry contract on the local file system ({@code file:}). */
class LocalRegistryTest extends RegistryContract {

    @Override
    URI newRoot() throws IOException {
        return Files.createDirectories(tmp.resolve("registry")).toUri();
    }

    @Override
    int claimRaceRounds() {
        return 60;
    }

    @Override
    Configuration hadoopConf() {
        return new Configuration();
    }
}
