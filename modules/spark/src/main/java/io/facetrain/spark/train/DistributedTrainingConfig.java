package io.facetrain.spark.train;

import com.typesafe.config.Config;
import io.facetrain.core.train.TrainingConfig;
import io.facetrain.paramserver.ParamServerConfig;
import io.facetrain.paramserver.Transport;

import java.util.Objects;

/**
 * Everything a distributed training run reads from the configuration, validated together before any
 * Spark job: the training itself ({@code facetrain.train}, the same section and meaning as a
 * single-process run), the parameter server's transport ({@code facetrain.paramserver}; its optimiser
 * section is not used: the server applies exactly the optimiser {@code facetrain.train.optimizer}
 * configures for each parameter), and the number of workers ({@code facetrain.distributed}).
 */
public final class DistributedTrainingConfig {

    /** HOCON path of the distributed trainer's own section. */
    public static final String SECTION = "facetrain.distributed";

    private final TrainingConfig training;
    private final ParamServerConfig paramServer;
    private final WorkerCount workers;
    private final WorkerSettings shipped;

    private DistributedTrainingConfig(TrainingConfig training, ParamServerConfig paramServer, WorkerCount workers,
                                      WorkerSettings shipped) {
        this.training = Objects.requireNonNull(training, "training");
        this.paramServer = Objects.requireNonNull(paramServer, "paramServer");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.shipped = Objects.requireNonNull(shipped, "shipped");
        if (paramServer.transport() != Transport.UDP) {
            // Every task runs its own media driver (one per task and JVM), so shared memory cannot reach the server.
            throw new IllegalArgumentException(ParamServerConfig.SECTION + ".transport must be \"udp\" for distributed "
                    + "training (each worker task has its own media driver), got \""
                    + paramServer.transport().name().toLowerCase(java.util.Locale.ROOT) + "\"");
        }
    }

    /**
     * Reads and validates a resolved facetrain configuration.
     *
     * @throws IllegalArgumentException naming the first bad key and value
     */
    public static DistributedTrainingConfig fromConfig(Config root) {
        return new DistributedTrainingConfig(TrainingConfig.fromConfig(root), ParamServerConfig.fromConfig(root),
                WorkerCount.fromConfig(root), WorkerSettings.of(root));
    }

    public TrainingConfig training() {
        return training;
    }

    public ParamServerConfig paramServer() {
        return paramServer;
    }

    public WorkerCount workers() {
        return workers;
    }

    /** What the tasks get: the same sections, shipped as text. */
    public WorkerSettings shipped() {
        return shipped;
    }
}
