package io.facetrain.paramserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

/** Closing clients, server and driver stops every thread they started and removes the driver's directory. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LifecycleIT {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closeLeavesNoThreadAndNoDirectoryBehind(Transport transport) throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        ParamServerConfig config = TestSettings.config(transport, OptimizerSpec.sgd(0.1, 0)).conclude();
        RunCredentials credentials = TestSettings.credentials(801);
        File directory;
        try (EmbeddedAeron aeron = EmbeddedAeron.launch(config)) {
            directory = aeron.directory();
            assertTrue(directory.isDirectory());
            try (ParameterServer server = ParameterServer.start(aeron.aeron(), config, credentials,
                    ServerState.initial(new float[1000], config.optimizer()));
                 ParameterServerClient first = ParameterServerClient.connect(aeron.aeron(), config, credentials,
                         server.endpoint(), 0, StepRange.of(0, 1));
                 ParameterServerClient second = ParameterServerClient.connect(aeron.aeron(), config, credentials,
                         server.endpoint(), 1, StepRange.of(0, 1))) {
                server.expectWorkers(StepRange.of(0, 1), 0, 1);
                float[] gradient = new float[1000];
                Arrays.fill(gradient, 1f);
                CompletableFuture<Long> a = CompletableFuture.supplyAsync(
                        () -> first.pushAndPull(0, gradient, 1, new float[1000]));
                float[] result = new float[1000];
                assertEquals(1, second.pushAndPull(0, gradient, 1, result));
                assertEquals(1, a.get(30, TimeUnit.SECONDS));
                assertEquals(-0.1f, result[0], 1e-7f);
                assertTrue(started(before).stream().anyMatch(name -> name.startsWith("facetrain-ps-server")));
            }
            assertTrue(started(before).stream().noneMatch(name -> name.startsWith("facetrain-ps-")),
                    "agent threads stopped: " + started(before));
        }
        assertFalse(directory.exists(), "driver directory removed: " + directory);
        assertEquals(Set.of(), started(before), "agent, client conductor and driver threads all stopped");
    }

    /**
     * Names of live threads started since {@code before} by the parameter server, its clients, the
     * Aeron client or the media driver (ND4J's and the common pool's threads are not ours to stop).
     */
    private static Set<String> started(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !before.contains(thread))
                .map(Thread::getName)
                .filter(name -> name.startsWith("facetrain-ps-") || name.contains("conductor")
                        || name.contains("sender") || name.contains("receiver"))
                .collect(Collectors.toSet());
    }
}
