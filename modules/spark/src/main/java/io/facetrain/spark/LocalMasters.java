package io.facetrain.spark;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task slots of Spark's local master URLs, known before a context starts: a job can then refuse a plan
 * that needs more simultaneous tasks than the master offers (a barrier stage would otherwise wait and
 * fail only once Spark gives up scheduling it).
 */
public final class LocalMasters {

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*\\d+\\s*]");

    private LocalMasters() {
    }

    /**
     * Task slots of {@code master}: 1 for {@code local}, N for {@code local[N]} and {@code local[N,F]}, the
     * available processors for {@code local[*]}, executors × cores for {@code local-cluster[E,C,M]}; empty for
     * a cluster manager's URL, whose slots are known only once executors register.
     */
    public static OptionalInt slots(String master) {
        Matcher local = LOCAL.matcher(master.trim());
        if (local.matches()) {
            String n = local.group(1);
            if (n == null) {
                return OptionalInt.of(1);
            }
            return OptionalInt.of(n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n));
        }
        Matcher cluster = LOCAL_CLUSTER.matcher(master.trim());
        if (cluster.matches()) {
            return OptionalInt.of(Integer.parseInt(cluster.group(1)) * Integer.parseInt(cluster.group(2)));
        }
        return OptionalInt.empty();
    }
}
