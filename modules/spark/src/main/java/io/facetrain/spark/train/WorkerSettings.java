package io.facetrain.spark.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import io.facetrain.core.train.TrainingConfig;
import io.facetrain.paramserver.ParamServerConfig;

import java.io.Serializable;
import java.util.Objects;

/**
 * The configuration a training task needs on an executor, shipped inside the task: the resolved
 * {@code facetrain.train}, {@code facetrain.evaluation} and {@code facetrain.paramserver} sections as
 * JSON text (nothing else of the configuration travels), parsed again where they are used. Both sides
 * therefore read the same values through the same validation.
 */
public final class WorkerSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String json;
    private transient TrainingConfig training;
    private transient ParamServerConfig paramServer;

    private WorkerSettings(String json) {
        this.json = json;
    }

    /** The sections of a resolved facetrain configuration that tasks need. */
    public static WorkerSettings of(Config root) {
        Objects.requireNonNull(root, "root");
        Config shipped = ConfigFactory.empty();
        for (String section : new String[] {TrainingConfig.SECTION, "facetrain.evaluation", ParamServerConfig.SECTION}) {
            if (root.hasPath(section)) {
                shipped = shipped.withFallback(root.withOnlyPath(section));
            }
        }
        return new WorkerSettings(shipped.root().render(ConfigRenderOptions.concise()));
    }

    /** The training configuration (parsed once per deserialised copy). */
    public synchronized TrainingConfig training() {
        if (training == null) {
            training = TrainingConfig.fromConfig(parse());
        }
        return training;
    }

    /** The parameter server's transport settings (parsed once per deserialised copy). */
    public synchronized ParamServerConfig paramServer() {
        if (paramServer == null) {
            paramServer = ParamServerConfig.fromConfig(parse());
        }
        return paramServer;
    }

    private Config parse() {
        return ConfigFactory.parseString(json).resolve();
    }
}
