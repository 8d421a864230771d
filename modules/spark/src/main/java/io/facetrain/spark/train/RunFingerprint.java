package io.facetrain.spark.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facetrain.spark.publish.DatasetFingerprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run's checkpoints are valid for: the settings that decide what is trained and how it is evaluated,
 * the resolved number of workers, and the dataset's content. A resumed run continues the steps of the run
 * that wrote the checkpoint, so it must train the same persons with the same settings; {@link #differences}
 * names whatever does not match.
 *
 * @param settings the values of {@code train.*} and {@code evaluation.*} (minus {@link #IGNORED}) and
 *                 {@code distributed.workers} as resolved for the run
 * @param dataset  SHA-256 over the dataset's sorted (person, image id) lines: the same images labelled the same
 *                 way, whatever their shard layout or location
 * @param images   images in the dataset
 * @param persons  persons in the dataset
 */
public record RunFingerprint(SortedMap<String, String> settings, String dataset, int images, int persons) {

    /**
     * Keys that change how fast a run goes or what it prints, never what it computes: they may differ on
     * resume (e.g. a driver with more cores).
     */
    public static final Set<String> IGNORED = Set.of("train.data.threads", "train.data.cache-max-bytes",
            "train.schedule.log-every-steps");

    /** Key under which the resolved worker count is recorded. */
    static final String WORKERS = "distributed.workers";

    public RunFingerprint {
        settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
        Objects.requireNonNull(dataset, "dataset");
    }

    /** The fingerprint of a planned run. */
    static RunFingerprint of(DistributedTrainingConfig config, DistributedTrainer.Plan plan) {
        SortedMap<String, String> settings = new TreeMap<>();
        config.settings().forEach((key, value) -> {
            if (!IGNORED.contains(key)) {
                settings.put(key, value);
            }
        });
        settings.put(WORKERS, Integer.toString(plan.assignment().workers()));
        List<String> lines = new ArrayList<>(plan.index().entries().size());
        Set<String> persons = new TreeSet<>();
        for (ShardIndex.Entry e : plan.index().entries()) {
            lines.add(e.personId() + '\t' + e.imageId());
            persons.add(e.personId());
        }
        return new RunFingerprint(settings, DatasetFingerprint.ofLines(lines), lines.size(), persons.size());
    }

    /**
     * What differs between the run that wrote a checkpoint and this one, one line per difference
     * ({@code "train.mining.margin: 0.5 in the checkpoint, 0.2 now"}); empty when the run may resume from it.
     */
    List<String> differences(RunFingerprint checkpoint) {
        List<String> out = new ArrayList<>();
        Set<String> keys = new TreeSet<>(settings.keySet());
        keys.addAll(checkpoint.settings.keySet());
        for (String key : keys) {
            String then = checkpoint.settings.get(key);
            String now = settings.get(key);
            if (!Objects.equals(then, now)) {
                out.add(key + ": " + (then == null ? "not set" : then) + " in the checkpoint, "
                        + (now == null ? "not set" : now) + " now");
            }
        }
        if (!dataset.equals(checkpoint.dataset)) {
            out.add("dataset: " + checkpoint.images + " images of " + checkpoint.persons + " persons (" + checkpoint.dataset
                    + ") in the checkpoint, " + images + " images of " + persons + " persons (" + dataset + ") now");
        }
        return out;
    }

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        ObjectNode s = n.putObject("settings");
        settings.forEach(s::put);
        n.put("dataset", dataset);
        n.put("images", images);
        n.put("persons", persons);
        return n;
    }

    /** @throws IllegalArgumentException when {@code n} is not a fingerprint */
    static RunFingerprint fromJson(JsonNode n) {
        JsonNode s = n.path("settings");
        if (!s.isObject() || !n.path("dataset").isTextual() || !n.path("images").canConvertToInt()
                || !n.path("persons").canConvertToInt()) {
            throw new IllegalArgumentException("not a run fingerprint: needs settings, dataset, images and persons");
        }
        SortedMap<String, String> settings = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            settings.put(e.getKey(), e.getValue().asText());
        }
        return new RunFingerprint(settings, n.get("dataset").asText(), n.get("images").asInt(), n.get("persons").asInt());
    }
}
