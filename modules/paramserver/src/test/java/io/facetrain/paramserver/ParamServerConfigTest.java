package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.aeron.driver.ThreadingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ParamServerConfigTest {

    @Test
    void documentedConfigurationFileParsesToTheBuilderDefaults() {
        Path file = Path.of(System.getProperty("user.dir")).resolve("../../conf/facetrain.conf").normalize();
        assertTrue(Files.isRegularFile(file), "conf/facetrain.conf exists at " + file);
        ParamServerConfig fromFile = ParamServerConfig.fromConfig(ConfigFactory.parseFile(file.toFile()).resolve());
        ParamServerConfig defaults = ParamServerConfig.builder().conclude();
        assertEquals(defaults.toString(), fromFile.toString());
        assertEquals(32 * 1024, fromFile.mtu());
        assertEquals(16 * 1024 * 1024, fromFile.termLength());
        assertEquals(1024 * 1024, fromFile.chunkSize());
        assertEquals(Duration.ofSeconds(120), fromFile.stepTimeout());
        assertEquals(Duration.ofMinutes(10), fromFile.replayWindow());
        assertEquals(Duration.ofMillis(500), fromFile.registerResendInterval());
        assertEquals(AbortPolicy.RESTART_STEP, fromFile.abortPolicy());
        assertEquals(OptimizerSpec.adam(1e-3), fromFile.optimizer());
    }

    @Test
    void readsEveryKeyOfTheSection() {
        ParamServerConfig config = ParamServerConfig.fromConfig(ConfigFactory.parseString("""
                facetrain.paramserver {
                  transport = ipc, server-host = "::1", server-port = 0, worker-host = "::1"
                  server-stream-id = 11, worker-stream-id = 12
                  mtu = 8k, term-length = 4m, socket-buffer = 0, receiver-window = 0, sparse-term-buffers = false
                  chunk-size = 64k, step-timeout = 5s, push-timeout = 9s, connect-timeout = 3s, send-timeout = 2s
                  replay-window = 1m, register-resend-interval = 100ms
                  abort-policy = continue-without-missing, idle-strategy = sleeping
                  driver { threading-mode = dedicated, idle-strategy = yielding, directory-parent = "/tmp" }
                  optimizer { type = sgd, learning-rate = 0.1, momentum = 0.9 }
                }"""));
        assertEquals(Transport.IPC, config.transport());
        assertEquals("::1", config.serverHost());
        assertEquals(11, config.serverStreamId());
        assertEquals(12, config.workerStreamId());
        assertEquals(8192, config.mtu());
        assertEquals(4 << 20, config.termLength());
        assertEquals(16 * 1024, config.chunkElements());
        assertEquals(Duration.ofSeconds(5), config.stepTimeout());
        assertEquals(AbortPolicy.CONTINUE_WITHOUT_MISSING, config.abortPolicy());
        assertEquals(IdleStrategyKind.SLEEPING, config.idleStrategy());
        assertEquals(ThreadingMode.DEDICATED, config.driverThreadingMode());
        assertEquals(IdleStrategyKind.YIELDING, config.driverIdleStrategy());
        assertEquals("/tmp", config.driverDirectoryParent());
        assertEquals(OptimizerSpec.sgd(0.1, 0.9), config.optimizer());
        assertTrue(!config.sparseTermBuffers());
    }

    @Test
    void anAbsentSectionMeansDefaults() {
        assertEquals(ParamServerConfig.builder().conclude().toString(),
                ParamServerConfig.fromConfig(ConfigFactory.empty()).toString());
    }

    @Test
    void rejectsBadValuesNamingTheKeyAndTheValue() {
        assertRejected(b -> b.mtu(1000), "facetrain.paramserver.mtu", "1000");
        assertRejected(b -> b.mtu(65_536), "facetrain.paramserver.mtu", "65536");
        assertRejected(b -> b.termLength(3 << 20), "facetrain.paramserver.term-length", "3145728");
        assertRejected(b -> b.termLength(32 * 1024), "facetrain.paramserver.term-length", "32768");
        assertRejected(b -> b.chunkSize(1023), "facetrain.paramserver.chunk-size", "1023");
        assertRejected(b -> b.chunkSize(4 << 20), "facetrain.paramserver.chunk-size", "term-length/8");
        assertRejected(b -> b.serverPort(70_000), "facetrain.paramserver.server-port", "70000");
        assertRejected(b -> b.serverHost("0.0.0.0"), "facetrain.paramserver.server-host", "wildcard");
        assertRejected(b -> b.workerHost("a|b"), "facetrain.paramserver.worker-host", "a|b");
        assertRejected(b -> b.workerStreamId(4201), "facetrain.paramserver.worker-stream-id", "4201");
        assertRejected(b -> b.serverStreamId(0), "facetrain.paramserver.server-stream-id", "0");
        assertRejected(b -> b.stepTimeout(Duration.ZERO), "facetrain.paramserver.step-timeout", "PT0S");
        assertRejected(b -> b.sendTimeout(Duration.ofSeconds(-1)), "facetrain.paramserver.send-timeout", "PT-1S");
        assertRejected(b -> b.pushTimeout(Duration.ofSeconds(60)), "facetrain.paramserver.push-timeout", "PT1M");
        assertRejected(b -> b.receiverWindowLength(512), "facetrain.paramserver.receiver-window", "512");
        assertRejected(b -> b.receiverWindowLength(8 << 20), "facetrain.paramserver.receiver-window", "8388608");
        assertRejected(b -> b.driverThreadingMode(ThreadingMode.INVOKER), "facetrain.paramserver.driver.threading-mode",
                "INVOKER");
    }

    @Test
    void rejectsUnknownNamesListingTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParamServerConfig.fromConfig(
                ConfigFactory.parseString("facetrain.paramserver.abort-policy = retry")));
        assertTrue(e.getMessage().contains("abort-policy must be one of [continue-without-missing, restart-step]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ParamServerConfig.fromConfig(
                ConfigFactory.parseString("facetrain.paramserver.mtu = lots")));
        assertTrue(e.getMessage().contains("mtu"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ParamServerConfig.fromConfig(
                ConfigFactory.parseString("facetrain.paramserver.optimizer.learning-rate = -1")));
        assertTrue(e.getMessage().contains("optimizer.learning-rate must be a finite number > 0, got -1.0"),
                e.getMessage());
    }

    @Test
    void optimizerSpecValidatesAndMapsToNd4jUpdaters() {
        assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.adam(0.1, 1.0, 0.999, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.sgd(0.1, -0.5));
        assertEquals("Adam", OptimizerSpec.adam(0.1).toUpdater().getClass().getSimpleName());
        assertEquals("Sgd", OptimizerSpec.sgd(0.1, 0).toUpdater().getClass().getSimpleName());
        assertEquals("Nesterovs", OptimizerSpec.sgd(0.1, 0.9).toUpdater().getClass().getSimpleName());
        assertEquals(20, OptimizerSpec.adam(0.1).stateSize(10));
        assertEquals(0, OptimizerSpec.sgd(0.1, 0).stateSize(10));
        assertEquals(10, OptimizerSpec.sgd(0.1, 0.9).stateSize(10));
    }

    @Test
    void credentialsNeedA32ByteSecretAndNeverPrintIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RunCredentials(1, new byte[31]));
        assertTrue(e.getMessage().contains("at least 32 bytes, got 31"), e.getMessage());
        RunCredentials credentials = RunCredentials.generate(new java.security.SecureRandom());
        assertTrue(!credentials.toString().contains(credentials.secretHex()));
        assertEquals(credentials, RunCredentials.fromHex(credentials.runId(), credentials.secretHex()));
    }

    @Test
    void stepRangesAndEndpointsValidate() {
        assertThrows(IllegalArgumentException.class, () -> StepRange.of(5, 5));
        assertThrows(IllegalArgumentException.class, () -> StepRange.of(-1, 5));
        assertTrue(StepRange.from(3).contains(Long.MAX_VALUE - 1));
        assertTrue(!StepRange.of(3, 5).contains(5));
        assertThrows(IllegalArgumentException.class, () -> new ServerEndpoint("udp://127.0.0.1:1", 1));
        assertThrows(IllegalArgumentException.class, () -> new ServerEndpoint("aeron:ipc", 0));
        assertTrue(new ServerEndpoint("aeron:ipc", 4).isIpc());
    }

    private static void assertRejected(UnaryOperator<ParamServerConfig.Builder> change, String key, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(ParamServerConfig.builder()).conclude());
        assertTrue(e.getMessage().startsWith(key + " "), "message names " + key + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(value), "message shows " + value + ": " + e.getMessage());
    }
}
