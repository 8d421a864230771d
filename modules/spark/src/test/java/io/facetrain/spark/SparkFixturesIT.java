package io.facetrain.spark;

import io.facetrain.core.config.ConfigLoader;
import io.facetrain.spark.testing.JvmOptions;
import io.facetrain.spark.testing.LocalClusterSpark;
import io.facetrain.spark.testing.LocalSpark;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark test fixtures run real jobs: tasks that use ND4J's native backend and facetrain classes, and a
 * barrier stage, in local[2] (tasks in this JVM) and local-cluster[2,1,2048] (tasks in two executor JVMs).
 */
class SparkFixturesIT {

    private static final List<Integer> SEEDS = List.of(0, 1, 2, 3);
    private static final String CPU_BACKEND = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";

    /** What one task saw. */
    record TaskReport(int partition, long pid, String backend, double gramSum, String appName,
                      List<String> jvmArguments) implements Serializable {
    }

    /** What one barrier task saw: the messages every task of the stage contributed, in partition order. */
    record BarrierReport(int partition, long pid, List<String> gathered) implements Serializable {
    }

    @Nested
    class LocalMode {

        @RegisterExtension
        static final LocalSpark SPARK = LocalSpark.threads(2);

        @Test
        @Timeout(120)
        void tasksRunNd4jAndFacetrainCodeInThisJvm(JavaSparkContext sc) {
            List<TaskReport> reports = runProbe(sc);
            long driver = ProcessHandle.current().pid();
            assertTrue(reports.stream().allMatch(report -> report.pid() == driver), reports::toString);
        }

        @Test
        @Timeout(120)
        void barrierStageRunsEveryTaskTogether(JavaSparkContext sc) {
            List<BarrierReport> reports = runBarrier(sc, 2);
            assertEquals(Set.of(ProcessHandle.current().pid()), pids(reports));
        }
    }

    @Nested
    class LocalClusterMode {

        @RegisterExtension
        static final LocalClusterSpark SPARK = LocalClusterSpark.standard();

        @Test
        @Timeout(120)
        void tasksRunNd4jAndFacetrainCodeInTheExecutorJvms(JavaSparkContext sc) {
            assertEquals("local-cluster[2,1,2048]", sc.master());
            List<TaskReport> reports = runProbe(sc);
            Set<Long> taskPids = reports.stream().map(TaskReport::pid).collect(Collectors.toSet());
            assertFalse(taskPids.contains(ProcessHandle.current().pid()), "a task ran in the driver JVM");
            assertEquals(SPARK.executors(), taskPids.size(), "every executor ran tasks: " + reports);
            Set<Long> executorPids = SPARK.executorProcesses().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
            assertTrue(executorPids.containsAll(taskPids), "task pids " + taskPids + ", executors " + executorPids);
        }

        @Test
        @Timeout(120)
        void barrierStageRunsOneTaskOnEachExecutor(JavaSparkContext sc) {
            List<BarrierReport> reports = runBarrier(sc, SPARK.executors());
            Set<Long> pids = pids(reports);
            assertEquals(SPARK.executors(), pids.size(), reports::toString);
            assertFalse(pids.contains(ProcessHandle.current().pid()));
        }

        /** Data shipped inside a task (not broadcast) must stay under the fixture's 1 MB RPC limit. */
        @Test
        @Timeout(120)
        void aTaskCarryingMoreThanOneMegabyteIsRefused(JavaSparkContext sc) {
            byte[] ballast = new byte[2 << 20];
            SparkException failure = assertThrows(SparkException.class,
                    () -> sc.parallelize(List.of(ballast), 1).count());
            assertTrue(failure.getMessage().contains("spark.rpc.message.maxSize"), failure.getMessage());
            assertEquals(4, sc.parallelize(SEEDS, 2).count(), "the context survives the failed job");
        }
    }

    /** Runs the probe over four partitions and checks everything but where the tasks ran. */
    private static List<TaskReport> runProbe(JavaSparkContext sc) {
        List<TaskReport> reports = new ArrayList<>(sc.parallelize(SEEDS, SEEDS.size())
                .mapPartitions(SparkFixturesIT::probe)
                .collect());
        reports.sort(Comparator.comparingInt(TaskReport::partition));
        assertEquals(SEEDS.size(), reports.size());
        List<String> flags = JvmOptions.ofRepository().flags();
        for (int i = 0; i < reports.size(); i++) {
            TaskReport report = reports.get(i);
            assertEquals(i, report.partition());
            assertEquals(CPU_BACKEND, report.backend());
            assertEquals(expectedGramSum(SEEDS.get(i)), report.gramSum(), 1e-3, "sum of A*A^T for seed " + i);
            assertEquals("facetrain", report.appName(), "bundled defaults are readable in tasks");
            assertTrue(report.jvmArguments().containsAll(flags),
                    "task JVM lacks flags of conf/jvm-options: " + report.jvmArguments());
        }
        return reports;
    }

    /** Executed by the tasks: ND4J through its native backend and facetrain's configuration defaults. */
    private static Iterator<TaskReport> probe(Iterator<Integer> seeds) {
        List<TaskReport> reports = new ArrayList<>();
        while (seeds.hasNext()) {
            int seed = seeds.next();
            double gramSum;
            try (INDArray a = Nd4j.createFromArray(matrix(seed)); INDArray gram = a.mmul(a.transpose())) {
                gramSum = gram.sumNumber().doubleValue();
            }
            reports.add(new TaskReport(TaskContext.getPartitionId(), ProcessHandle.current().pid(),
                    Nd4j.getBackend().getClass().getName(), gramSum,
                    ConfigLoader.defaults().getString("facetrain.spark.app-name"),
                    List.copyOf(ManagementFactory.getRuntimeMXBean().getInputArguments())));
        }
        return reports.iterator();
    }

    private static float[][] matrix(int seed) {
        float[][] a = new float[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                a[i][j] = (seed + 4 * i + j + 1) / 8f;
            }
        }
        return a;
    }

    /** The sum of all entries of A·Aᵀ is the sum over columns of the squared column sums. */
    private static double expectedGramSum(int seed) {
        float[][] a = matrix(seed);
        double total = 0;
        for (int j = 0; j < 4; j++) {
            double column = 0;
            for (int i = 0; i < 3; i++) {
                column += a[i][j];
            }
            total += column * column;
        }
        return total;
    }

    /** A barrier stage of {@code tasks} partitions whose tasks wait for each other and exchange a message. */
    private static List<BarrierReport> runBarrier(JavaSparkContext sc, int tasks) {
        List<Integer> partitions = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            partitions.add(i);
        }
        List<BarrierReport> reports = new ArrayList<>(BarrierStages
                .mapPartitions(sc.parallelize(partitions, tasks), SparkFixturesIT::barrierTask)
                .collect());
        reports.sort(Comparator.comparingInt(BarrierReport::partition));
        assertEquals(tasks, reports.size());
        List<String> expected = reports.stream().map(report -> report.partition() + "@" + report.pid()).toList();
        for (BarrierReport report : reports) {
            assertEquals(expected, report.gathered(), "every task saw every task's message");
        }
        return reports;
    }

    private static Iterator<BarrierReport> barrierTask(Iterator<Integer> ignored) {
        BarrierTaskContext context = BarrierTaskContext.get();
        context.barrier();
        long pid = ProcessHandle.current().pid();
        String[] gathered = context.allGather(context.partitionId() + "@" + pid);
        return List.of(new BarrierReport(context.partitionId(), pid, List.of(gathered))).iterator();
    }

    private static Set<Long> pids(List<BarrierReport> reports) {
        return reports.stream().map(BarrierReport::pid).collect(Collectors.toSet());
    }
}
