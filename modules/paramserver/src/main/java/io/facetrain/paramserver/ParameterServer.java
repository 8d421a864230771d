package io.facetrain.paramserver;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.facetrain.paramserver.wire.RejectionCounters;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A synchronous parameter server for one run. It holds flat float32 parameters, the optimiser state
 * and a version. For step {@code s} (= version {@code s}) it waits until every expected worker (those
 * declared with {@link #expectWorkers} and those registered for a range containing {@code s}) pushed
 * its whole gradient, combines the gradients as a weighted mean,
 * applies the optimiser once and sends version {@code s + 1} to those workers. A step that a worker
 * misses past the step timeout, or whose gradient is not finite, is aborted whole and reported (see
 * {@link AbortPolicy}); nothing of it is applied.
 *
 * <p>How each part of the vector is updated comes from the {@link UpdatePlan} of the initial
 * {@link ServerState}; workers neither send nor check it: the driver that starts the server owns the
 * plan (it builds it from the same network configuration the workers use, and compares it with a
 * checkpoint's plan before resuming from it).
 *
 * <p>The server runs as an Agrona agent on its own thread. It uses (does not own) the given
 * {@link Aeron} client. It knows nothing of what the parameters mean.
 */
public final class ParameterServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParameterServer.class);

    private final ParamServerConfig config;
    private final ServerEndpoint endpoint;
    private final ServerAgent agent;
    private final AgentRunner runner;
    private final RejectionCounters rejections;
    private final Object statusLock = new Object();
    private ServerStatus status;

    private ParameterServer(ParamServerConfig config, ServerEndpoint endpoint, ServerAgent agent, AgentRunner runner,
                            RejectionCounters rejections) {
        this.config = config;
        this.endpoint = endpoint;
        this.agent = agent;
        this.runner = runner;
        this.rejections = rejections;
    }

    /** Starts a server without a listener. */
    public static ParameterServer start(Aeron aeron, ParamServerConfig config, RunCredentials credentials,
                                        ServerState initial) {
        return start(aeron, config, credentials, initial, ParameterServerListener.NONE);
    }

    /**
     * Binds the server's endpoint and starts its agent.
     *
     * @param aeron a client of this JVM's media driver (not owned)
     * @param config transport, timeouts and policy
     * @param credentials the run's id and secret
     * @param initial parameters, update plan, optimiser state and version to start from (a fresh
     *     {@link ServerState#initial} or a checkpoint)
     * @param listener receives events on the server's thread
     */
    public static ParameterServer start(Aeron aeron, ParamServerConfig config, RunCredentials credentials,
                                        ServerState initial, ParameterServerListener listener) {
        RejectionCounters rejections = new RejectionCounters();
        StatusHolder holder = new StatusHolder();
        Subscription subscription = aeron.addSubscription(Channels.serverSubscription(config), config.serverStreamId(),
                null, image -> holder.onImageGone(image.sessionId()));
        AgentRunner runner = null;
        try {
            ServerEndpoint endpoint = Channels.advertisedServer(config, subscription, SystemNanoClock.INSTANCE);
            ServerAgent agent = new ServerAgent(aeron, config, credentials, initial, subscription, rejections,
                    listener, holder::publish, SystemNanoClock.INSTANCE, SystemEpochClock.INSTANCE);
            runner = new AgentRunner(config.idleStrategy().create(),
                    error -> LOG.error("parameter server agent error", error), null, agent);
            ParameterServer server = new ParameterServer(config, endpoint, agent, runner, rejections);
            holder.attach(server, agent);
            AgentRunner.startOnThread(runner);
            LOG.info("parameter server for run {} listening on {} stream {} at version {} with {}",
                    Long.toHexString(credentials.runId()), endpoint.channel(), endpoint.streamId(), initial.version(),
                    initial.plan());
            return server;
        } catch (RuntimeException e) {
            if (runner == null) {
                CloseHelper.quietClose(subscription);
            } else {
                CloseHelper.quietClose(runner);
            }
            throw e;
        }
    }

    /**
     * Declares the workers that must push every step of {@code steps}. Without it a step waits only
     * for the workers registered at that moment, so a worker that registers late would miss the
     * first steps; with it, a declared worker that never shows up is reported missing when the step
     * times out. Takes effect before this method returns.
     */
    public void expectWorkers(StepRange steps, int... workerIds) {
        for (int workerId : workerIds) {
            if (workerId < 0) {
                throw new IllegalArgumentException("worker ids must be >= 0, got " + workerId);
            }
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        int[] ids = workerIds.clone();
        agent.submit(() -> agent.expect(steps, ids, done));
        try {
            done.get(config.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ParameterServerTimeoutException("server did not take the worker list within "
                    + config.connectTimeout());
        } catch (ExecutionException e) {
            throw new ParameterServerException("declaring workers failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParameterServerException("interrupted while declaring workers", e);
        }
    }

    /** Where workers connect: the channel with the actual bound port, and the stream id. */
    public ServerEndpoint endpoint() {
        return endpoint;
    }

    /** The current parameter version. */
    public long version() {
        return status().version();
    }

    /** The latest status, with live rejection counts. */
    public ServerStatus status() {
        synchronized (statusLock) {
            return new ServerStatus(status.version(), status.attempt(), status.registeredWorkers(), status.waitingFor(),
                    status.recentAborts(), rejections.snapshot());
        }
    }

    /** Dropped inbound messages per reason (live). */
    public RejectionCounters rejections() {
        return rejections;
    }

    /**
     * Blocks until the server reached at least {@code version}.
     *
     * @return the version reached
     * @throws ParameterServerTimeoutException if it did not within {@code timeout}
     */
    public long awaitVersion(long version, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (statusLock) {
            while (status.version() < version) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new ParameterServerTimeoutException("server did not reach version " + version + " within "
                            + timeout + "; it is at " + status.version() + ", waiting for workers "
                            + status.waitingFor());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(statusLock, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ParameterServerException("interrupted while waiting for version " + version, e);
                }
            }
            return status.version();
        }
    }

    /**
     * A copy of version, update plan, parameters and optimiser state, taken between two steps on the
     * server's thread (waits at most the connect timeout).
     */
    public ServerState snapshot() {
        CompletableFuture<ServerState> result = new CompletableFuture<>();
        agent.submit(() -> agent.snapshotInto(result));
        try {
            return result.get(config.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ParameterServerTimeoutException("server did not take a snapshot within "
                    + config.connectTimeout());
        } catch (ExecutionException e) {
            throw new ParameterServerException("snapshot failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParameterServerException("interrupted while taking a snapshot", e);
        }
    }

    /** Writes a {@link #snapshot()} to {@code store}; the server keeps serving while the file is written. */
    public Path checkpoint(CheckpointStore store) throws IOException {
        return store.save(snapshot());
    }

    /** Stops the agent (its thread ends) and releases the subscription, publications and arrays. */
    @Override
    public void close() {
        CloseHelper.close(runner);
    }

    private void publish(ServerStatus latest) {
        synchronized (statusLock) {
            status = latest;
            statusLock.notifyAll();
        }
    }

    /**
     * Routes callbacks that arrive before the server object exists (the first status from the
     * agent's constructor, image handlers on Aeron's thread) to it once it does.
     */
    private static final class StatusHolder {
        private ServerStatus early;
        private volatile ParameterServer server;
        private volatile ServerAgent agent;

        synchronized void publish(ServerStatus latest) {
            ParameterServer current = server;
            if (current == null) {
                early = latest;
            } else {
                current.publish(latest);
            }
        }

        synchronized void attach(ParameterServer target, ServerAgent serverAgent) {
            server = target;
            agent = serverAgent;
            target.publish(early);
        }

        void onImageGone(int sessionId) {
            ServerAgent current = agent;
            if (current != null) {
                current.submit(() -> current.freeAssembly(sessionId));
            }
        }
    }
}
