package io.facetrain.spark.train;

import com.typesafe.config.Config;

import java.util.Locale;

/**
 * Which addresses the parameter server and its workers bind to and announce
 * ({@code facetrain.distributed.addresses}). One configured {@code server-host} / {@code worker-host} fits
 * one machine only: on a cluster the server must announce the driver's address as executors see it and
 * every worker its own executor's, which only Spark knows.
 */
public enum ParameterServerAddresses {

    /**
     * The server binds to the driver's address ({@code spark.driver.host}), each worker to its executor's
     * address as the barrier stage reports it (loopback in local mode).
     */
    SPARK,

    /** {@code facetrain.paramserver.server-host} and {@code worker-host} as configured. */
    CONFIGURED;

    /** Configuration key. */
    public static final String KEY = DistributedTrainingConfig.SECTION + ".addresses";

    /** Reads {@value #KEY}; absent means {@link #SPARK}. */
    static ParameterServerAddresses fromConfig(Config root) {
        if (!root.hasPath(KEY)) {
            return SPARK;
        }
        String value = root.getString(KEY).trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "spark" -> SPARK;
            case "configured" -> CONFIGURED;
            default -> throw new IllegalArgumentException(KEY + " must be \"spark\" or \"configured\", got \""
                    + root.getString(KEY) + "\"");
        };
    }

    /**
     * The host part of a Spark {@code host:port} address ({@code [v6]:port} too), as a worker binds to it.
     *
     * @throws IllegalArgumentException when {@code address} has no port
     */
    static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a host:port address: " + address);
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host;
    }
}
