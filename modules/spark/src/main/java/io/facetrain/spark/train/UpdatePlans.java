package io.facetrain.spark.train;

import io.facetrain.core.nn.ParameterLayout;
import io.facetrain.core.nn.ParameterSegment;
import io.facetrain.paramserver.UpdatePlan;
import io.facetrain.paramserver.UpdateRange;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameter server's update plan for a network: one range per parameter array with the updater DL4J
 * configured for it (the run's optimiser and learning-rate schedule for weights, {@code NoOp} for batch-norm
 * running statistics), which is exactly what {@link io.facetrain.core.train.LocalUpdateStep} applies in a
 * single-process run.
 */
public final class UpdatePlans {

    private UpdatePlans() {
    }

    public static UpdatePlan of(ParameterLayout layout) {
        List<UpdateRange> ranges = new ArrayList<>(layout.segments().size());
        for (ParameterSegment s : layout.segments()) {
            ranges.add(new UpdateRange(s.offset(), s.length(), s.updater()));
        }
        return UpdatePlan.of(ranges, layout.totalLength());
    }
}
