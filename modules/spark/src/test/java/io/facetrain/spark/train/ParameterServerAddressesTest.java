package io.facetrain.spark.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterServerAddressesTest {

    @Test
    void theDefaultIsSparksAddresses() {
        assertEquals(ParameterServerAddresses.SPARK, TrainingFixtures.config().addresses());
        assertEquals(ParameterServerAddresses.CONFIGURED,
                TrainingFixtures.config("distributed.addresses=configured").addresses());
    }

    @Test
    void anUnknownValueNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingFixtures.config("distributed.addresses=dns"));
        assertTrue(e.getMessage().contains("facetrain.distributed.addresses") && e.getMessage().contains("\"dns\""),
                e.getMessage());
    }

    @Test
    void theHostOfASparkAddress() {
        assertEquals("127.0.0.1", ParameterServerAddresses.hostOf("127.0.0.1:34701"));
        assertEquals("executor-3.spark.svc", ParameterServerAddresses.hostOf("executor-3.spark.svc:7079"));
        assertEquals("::1", ParameterServerAddresses.hostOf("[::1]:7079"));
        assertThrows(IllegalArgumentException.class, () -> ParameterServerAddresses.hostOf("no-port"));
    }
}
