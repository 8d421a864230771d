package io.facetrain.paramserver;

/** How the server and its workers exchange messages. */
public enum Transport {
    /** UDP unicast: workers in other JVMs or on other hosts (loopback included). */
    UDP,
    /** Shared memory through the media driver: server and workers in one JVM. */
    IPC
}
