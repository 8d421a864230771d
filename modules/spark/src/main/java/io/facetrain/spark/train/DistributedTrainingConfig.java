package io.facetrain.spark.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.facetrain.core.train.TrainingConfig;
import io.facetrain.paramserver.AbortPolicy;
import io.facetrain.paramserver.ParamServerConfig;
import io.facetrain.paramserver.Transport;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

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

    /** The sections whose values decide what a run trains and how it is evaluated (see {@link #settings()}). */
    private static final String[] RESULT_SECTIONS = {TrainingConfig.SECTION, "facetrain.evaluation"};

    private final TrainingConfig training;
    private final ParamServerConfig paramServer;
    private final WorkerCount workers;
    private final ParameterServerAddresses addresses;
    private final WorkerSettings shipped;
    private final SortedMap<String, String> settings;

    private DistributedTrainingConfig(TrainingConfig training, ParamServerConfig paramServer, WorkerCount workers,
                                      ParameterServerAddresses addresses, WorkerSettings shipped,
                                      SortedMap<String, String> settings) {
        this.training = Objects.requireNonNull(training, "training");
        this.paramServer = Objects.requireNonNull(paramServer, "paramServer");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.shipped = Objects.requireNonNull(shipped, "shipped");
        this.settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
        if (paramServer.transport() != Transport.UDP) {
            // Every task runs its own media driver (one per task and JVM), so shared memory cannot reach the server.
            throw new IllegalArgumentException(ParamServerConfig.SECTION + ".transport must be \"udp\" for distributed "
                    + "training (each worker task has its own media driver), got \""
                    + paramServer.transport().name().toLowerCase(java.util.Locale.ROOT) + "\"");
        }
        if (paramServer.abortPolicy() != AbortPolicy.RESTART_STEP) {
            // An evicted worker's persons would drop out of the run; a failed task is replaced by Spark instead.
            throw new IllegalArgumentException(ParamServerConfig.SECTION + ".abort-policy must be \"restart-step\" for"
                    + " distributed training (Spark replaces a failed worker task; evicting it would drop its persons),"
                    + " got \"" + paramServer.abortPolicy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + "\"");
        }
    }

    /**
     * Reads and validates a resolved facetrain configuration.
     *
     * @throws IllegalArgumentException naming the first bad key and value
     */
    public static DistributedTrainingConfig fromConfig(Config root) {
        return new DistributedTrainingConfig(TrainingConfig.fromConfig(root), ParamServerConfig.fromConfig(root),
                WorkerCount.fromConfig(root), ParameterServerAddresses.fromConfig(root), WorkerSettings.of(root),
                resultSettings(root));
    }

    private static SortedMap<String, String> resultSettings(Config root) {
        SortedMap<String, String> values = new TreeMap<>();
        for (String section : RESULT_SECTIONS) {
            if (root.hasPath(section)) {
                for (Map.Entry<String, ConfigValue> e : root.withOnlyPath(section).entrySet()) {
                    values.put(e.getKey().substring("facetrain.".length()),
                            e.getValue().render(ConfigRenderOptions.concise()));
                }
            }
        }
        return values;
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

    /** Where the parameter server and the workers bind: Spark's addresses, or as configured. */
    public ParameterServerAddresses addresses() {
        return addresses;
    }

    /**
     * Every value of {@code facetrain.train} and {@code facetrain.evaluation}, by key relative to
     * {@code facetrain.} (e.g. {@code train.mining.margin}) as HOCON renders it: what a checkpoint records so that
     * a resumed run can be refused when it would train or evaluate differently.
     */
    public SortedMap<String, String> settings() {
        return settings;
    }

    /** What the tasks get: the same sections, shipped as text. */
    public WorkerSettings shipped() {
        return shipped;
    }
}
