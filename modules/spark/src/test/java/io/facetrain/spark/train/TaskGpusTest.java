package io.facetrain.spark.train;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which device a worker's task binds to, for every combination of what Spark assigned and what the backend
 * sees. The binding call itself needs the CUDA backend and a GPU, which this machine lacks; the Spark side
 * (real resource scheduling handing tasks their addresses) is {@link GpuSchedulingIT}.
 */
class TaskGpusTest {

    @Test
    void aTaskWithoutGpusComputesWhereTheBackendDoes() {
        assertEquals(TaskDevice.NONE, TaskGpus.choose(List.of(), false, 4));
        assertEquals(TaskDevice.NONE, TaskGpus.choose(List.of(), true, 1));
    }

    @Test
    void theCudaBackendIsBoundToTheAssignedDevice() {
        assertEquals(new TaskDevice("3", true), TaskGpus.choose(List.of("3"), false, 4));
        assertEquals(new TaskDevice("0", true), TaskGpus.choose(List.of(" 0 "), false, 1));
    }

    @Test
    void theCpuBackendRecordsTheAssignmentButBindsNothing() {
        TaskDevice device = TaskGpus.choose(List.of("1"), true, 1);
        assertEquals(new TaskDevice("1", false), device);
        assertEquals("gpu 1 (not used: CPU backend)", device.describe());
    }

    @Test
    void aDeviceTheProcessDoesNotSeeIsAnErrorNamingBoth() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TaskGpus.choose(List.of("2"), false, 2));
        assertTrue(e.getMessage().contains("GPU 2") && e.getMessage().contains("sees 2 CUDA device(s), 0 to 1"),
                e.getMessage());
    }

    @Test
    void anAddressThatIsNotADeviceIndexIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TaskGpus.choose(List.of("GPU-5f3a"), false, 2));
        assertTrue(e.getMessage().contains("'GPU-5f3a'"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> TaskGpus.choose(List.of("-1"), true, 1),
                "checked on the CPU backend too, so a bad discovery script shows before the GPU build runs");
    }

    @Test
    void severalGpusForOneTaskAreAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TaskGpus.choose(List.of("0", "1"), false, 2));
        assertTrue(e.getMessage().contains("[0, 1]") && e.getMessage().contains("spark.task.resource.gpu.amount"),
                e.getMessage());
    }

    @Test
    void theTaskGpuAmountIsCheckedBeforeAnyJob() {
        assertDoesNotThrow(() -> TaskGpus.checkOnePerTask(new SparkConf(false)));
        assertDoesNotThrow(() -> TaskGpus.checkOnePerTask(gpusPerTask("1")));
        assertDoesNotThrow(() -> TaskGpus.checkOnePerTask(gpusPerTask("0.5")), "two workers sharing a GPU");
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> TaskGpus.checkOnePerTask(gpusPerTask("2")));
        assertTrue(two.getMessage().startsWith("spark.task.resource.gpu.amount = 2 gives each training task several"),
                two.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> TaskGpus.checkOnePerTask(gpusPerTask("one")));
        assertTrue(text.getMessage().contains("is not a number"), text.getMessage());
    }

    private static SparkConf gpusPerTask(String amount) {
        return new SparkConf(false).set(TaskGpus.TASK_AMOUNT_KEY, amount);
    }
}
