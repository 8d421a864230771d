package io.facetrain.paramserver;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import java.io.File;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.agrona.IoUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media driver embedded in this JVM plus an Aeron client connected to it. The driver's directory
 * is unique (random suffix) and deleted on close, so several drivers on one host never meet.
 *
 * <p>Whoever launches it owns it: a JVM should run one and pass its {@link #aeron()} to every
 * {@link ParameterServer} and {@link ParameterServerClient} it creates, then close it last.
 * Nothing here is global.
 */
public final class EmbeddedAeron implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAeron.class);
    private static final File SHARED_MEMORY = new File("/dev/shm");

    private final MediaDriver driver;
    private final Aeron aeron;
    private final File directory;

    private EmbeddedAeron(MediaDriver driver, Aeron aeron, File directory) {
        this.driver = driver;
        this.aeron = aeron;
        this.directory = directory;
    }

    /**
     * Launches a driver with the threading mode, idle strategy and directory parent of
     * {@code config} and connects a client to it.
     */
    public static EmbeddedAeron launch(ParamServerConfig config) {
        File directory = uniqueDirectory(config.driverDirectoryParent());
        MediaDriver.Context driverContext = new MediaDriver.Context()
                .aeronDirectoryName(directory.getAbsolutePath())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .threadingMode(config.driverThreadingMode())
                .termBufferSparseFile(config.sparseTermBuffers())
                .errorHandler(error -> LOG.error("media driver error in {}", directory, error));
        switch (config.driverThreadingMode()) {
            case SHARED -> driverContext.sharedIdleStrategy(config.driverIdleStrategy().create());
            case SHARED_NETWORK -> driverContext
                    .sharedNetworkIdleStrategy(config.driverIdleStrategy().create())
                    .conductorIdleStrategy(config.driverIdleStrategy().create());
            case DEDICATED -> driverContext
                    .conductorIdleStrategy(config.driverIdleStrategy().create())
                    .senderIdleStrategy(config.driverIdleStrategy().create())
                    .receiverIdleStrategy(config.driverIdleStrategy().create());
            default -> throw new IllegalArgumentException("embedded drivers run their own threads; threading mode "
                    + config.driverThreadingMode() + " is not supported");
        }
        MediaDriver driver = MediaDriver.launchEmbedded(driverContext);
        try {
            Aeron aeron = Aeron.connect(new Aeron.Context()
                    .aeronDirectoryName(driver.aeronDirectoryName())
                    .errorHandler(error -> LOG.error("aeron client error for driver {}", directory, error)));
            LOG.info("embedded media driver started in {} ({} threading)", directory, config.driverThreadingMode());
            return new EmbeddedAeron(driver, aeron, directory);
        } catch (RuntimeException e) {
            driver.close();
            IoUtil.delete(directory, true);
            throw e;
        }
    }

    private static File uniqueDirectory(String parent) {
        File base;
        if (!parent.isEmpty()) {
            base = new File(parent);
        } else if (SHARED_MEMORY.isDirectory() && SHARED_MEMORY.canWrite()) {
            base = SHARED_MEMORY;
        } else {
            base = new File(System.getProperty("java.io.tmpdir"));
        }
        byte[] suffix = new byte[8];
        new SecureRandom().nextBytes(suffix);
        return new File(base, "facetrain-aeron-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().formatHex(suffix));
    }

    /** The client connected to this driver; valid until {@link #close()}. */
    public Aeron aeron() {
        return aeron;
    }

    /** The driver's directory (removed on close). */
    public File directory() {
        return directory;
    }

    /** Closes the client, stops the driver and deletes its directory. */
    @Override
    public void close() {
        try {
            aeron.close();
        } finally {
            try {
                driver.close();
            } finally {
                IoUtil.delete(directory, true);
                LOG.info("embedded media driver in {} stopped and removed", directory);
            }
        }
    }
}
