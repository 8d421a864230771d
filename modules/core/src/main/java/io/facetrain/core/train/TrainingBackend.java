package io.facetrain.core.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facetrain.core.nn.Encoder;

/**
 * What trains the encoder of a {@link TrainingRun}: the in-process loop ({@link Trainer} with a
 * {@link LocalUpdateStep}) or a distributed trainer. The run creates the encoder, scores the baselines
 * before and evaluates after; the backend only moves the encoder's parameters.
 */
@FunctionalInterface
public interface TrainingBackend {

    /**
     * Trains {@code encoder} in place.
     *
     * @param encoder   the freshly initialised encoder; on return it holds the trained parameters
     * @param validator validation during training, or null for none
     * @return the rounds, validation curve and throughput of the training
     */
    TrainingHistory train(Encoder encoder, Trainer.Validator validator);

    /** Adds what should be recorded about this backend to the model's provenance (nothing by default). */
    default void describe(ObjectNode provenance) {
    }

    /**
     * Adds what should be recorded about how this backend's training went to the run's
     * {@value ModelDirectory#HISTORY} (nothing by default), e.g. that it continued from a checkpoint.
     */
    default void describeTraining(ObjectNode history) {
    }
}
