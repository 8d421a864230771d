package io.facetrain.paramserver;

import java.security.SecureRandom;
import java.time.Duration;

/** Small transport settings so tests exercise chunking and stay light on memory. */
final class TestSettings {
    private TestSettings() {
    }

    /** Chunks of 4096 floats, 1 MB terms, 4 s step timeout (generous: the test machine is shared). */
    static ParamServerConfig.Builder config(Transport transport, OptimizerSpec optimizer) {
        return ParamServerConfig.builder()
                .transport(transport)
                .mtu(8 * 1024)
                .termLength(1024 * 1024)
                .socketBufferLength(256 * 1024)
                .receiverWindowLength(256 * 1024)
                .chunkSize(16 * 1024)
                .stepTimeout(Duration.ofSeconds(4))
                .pushTimeout(Duration.ofSeconds(30))
                .connectTimeout(Duration.ofSeconds(15))
                .sendTimeout(Duration.ofSeconds(3))
                .optimizer(optimizer);
    }

    /** The transport and timing settings of {@code config} as a paramserver HOCON section, for child JVMs. */
    static String toHocon(ParamServerConfig config) {
        return "facetrain.paramserver { transport = " + config.transport()
                + ", server-host = \"" + config.serverHost() + "\", worker-host = \"" + config.workerHost() + "\""
                + ", server-stream-id = " + config.serverStreamId() + ", worker-stream-id = " + config.workerStreamId()
                + ", mtu = " + config.mtu() + ", term-length = " + config.termLength()
                + ", socket-buffer = " + config.socketBufferLength()
                + ", receiver-window = " + config.receiverWindowLength()
                + ", chunk-size = " + config.chunkSize()
                + ", step-timeout = " + config.stepTimeout().toMillis() + "ms"
                + ", push-timeout = " + config.pushTimeout().toMillis() + "ms"
                + ", connect-timeout = " + config.connectTimeout().toMillis() + "ms"
                + ", send-timeout = " + config.sendTimeout().toMillis() + "ms"
                + ", abort-policy = " + config.abortPolicy()
                + ", idle-strategy = " + config.idleStrategy()
                + ", driver.threading-mode = " + config.driverThreadingMode() + " }";
    }

    static RunCredentials credentials(long seed) {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return new RunCredentials(seed, secret);
    }
}
