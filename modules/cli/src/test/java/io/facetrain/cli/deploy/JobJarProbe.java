package io.facetrain.cli.deploy;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * A main class JobJarIT submits next to the job jar (--jars probe.jar --class ...): ND4J and Spark must come
 * from the job jar and the Spark installation alone. Its tasks multiply small matrices with ND4J; it prints
 * what the driver and the tasks saw as {@code key=value} lines for the test to check.
 */
public final class JobJarProbe {

    private JobJarProbe() {
    }

    public static void main(String[] args) {
        SparkConf conf = new SparkConf();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            List<String> results = sc.parallelize(List.of(1, 2, 3, 4), 2).map(JobJarProbe::squareSum).collect();
            // The program's output is its report to the test, not logging.
            System.out.println("tasks=" + String.join(",", results));
            System.out.println("driver.jvm=" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
            System.out.println("executor.java.options=" + conf.get("spark.executor.extraJavaOptions", ""));
            System.out.println("executor.omp=" + conf.get("spark.executorEnv.OMP_NUM_THREADS", ""));
            System.out.println("driver.omp=" + System.getenv("OMP_NUM_THREADS"));
        }
    }

    /** backend:sum of the entries of A·A for A = [[s, 1], [2, s]], which is 2s² + 6s + 4. */
    private static String squareSum(int s) {
        try (INDArray a = Nd4j.createFromArray(new float[][] {{s, 1}, {2, s}}); INDArray square = a.mmul(a)) {
            return Nd4j.getBackend().getClass().getSimpleName() + ":" + Math.round(square.sumNumber().doubleValue());
        }
    }
}
