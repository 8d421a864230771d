package io.facetrain.paramserver;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.facetrain.paramserver.wire.RegisterAckPayload;
import io.facetrain.paramserver.wire.RejectionCounters;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's connection to a {@link ParameterServer}. Typical use by a training task:
 *
 * <pre>{@code
 * try (ParameterServerClient client = ParameterServerClient.connect(aeron, config, credentials, endpoint,
 *         workerId, StepRange.from(0))) {
 *     INDArray params = client.pull();
 *     long step = client.lastVersion();
 *     while (...) {
 *         INDArray gradient = ...computed on params...;
 *         INDArray next = client.pushAndPull(step, gradient, tripletCount);  // blocks until step+1 exists
 *         params.close();
 *         params = next;
 *         step++;
 *     }
 * }
 * }</pre>
 *
 * A push either returns the parameters of version {@code step + 1} (the same for every worker), or
 * throws: {@link StepAbortedException} when the server discarded the step (push it again),
 * {@link StepRejectedException} when the step is not the one being collected, or
 * {@link ParameterServerTimeoutException}. The client is for one thread at a time; its methods are
 * synchronized. The {@link Aeron} instance is not owned and stays open on {@link #close()}.
 */
public final class ParameterServerClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParameterServerClient.class);

    private final ParamServerConfig config;
    private final int workerId;
    private final StepRange steps;
    private final ServerEndpoint server;
    private final ClientAgent agent;
    private final AgentRunner runner;
    private final RejectionCounters rejections;
    private final int parameterCount;
    private float[] received;
    private long lastVersion;
    private boolean closed;

    private ParameterServerClient(ParamServerConfig config, int workerId, StepRange steps, ServerEndpoint server,
                                  ClientAgent agent, AgentRunner runner, RejectionCounters rejections,
                                  RegisterAckPayload ack) {
        this.config = config;
        this.workerId = workerId;
        this.steps = steps;
        this.server = server;
        this.agent = agent;
        this.runner = runner;
        this.rejections = rejections;
        this.parameterCount = (int) ack.parameterCount();
        this.lastVersion = ack.version();
    }

    /**
     * Connects to a server and registers this worker for {@code steps}; blocks until the server
     * acknowledged (at most the connect timeout).
     *
     * @param aeron a client of this JVM's media driver (not owned)
     * @param config transport settings and timeouts (must match the server's transport)
     * @param credentials the run's id and secret
     * @param server the server's endpoint as returned by {@link ParameterServer#endpoint()}
     * @param workerId this worker's id, >= 0, unique within the run
     * @param steps the steps this worker will push
     * @throws ParameterServerTimeoutException if the server does not answer in time
     */
    public static ParameterServerClient connect(Aeron aeron, ParamServerConfig config, RunCredentials credentials,
                                                ServerEndpoint server, int workerId, StepRange steps) {
        if (workerId < 0) {
            throw new IllegalArgumentException("worker id must be >= 0, got " + workerId);
        }
        NanoClock nanoClock = SystemNanoClock.INSTANCE;
        EpochClock epochClock = SystemEpochClock.INSTANCE;
        boolean ipc = server.isIpc();
        int ipcSession = ThreadLocalRandom.current().nextInt();
        AgentHolder holder = new AgentHolder();
        Subscription replies = aeron.addSubscription(Channels.workerSubscription(config, ipc, ipcSession),
                config.workerStreamId(), null,
                image -> holder.whenReady(a -> a.submit(() -> a.freeAssembly(image.sessionId()))));
        PublicationSender toServer = null;
        AgentRunner runner = null;
        try {
            String replyChannel = Channels.advertisedWorker(config, ipc, ipcSession, replies, nanoClock);
            toServer = new PublicationSender(aeron, Channels.publication(config, server.channel()), server.streamId(),
                    nanoClock, config.connectTimeout().toNanos(), "server " + server.channel());
            RejectionCounters rejections = new RejectionCounters();
            ClientAgent agent = new ClientAgent(workerId, credentials, steps, replies, replyChannel,
                    config.workerStreamId(), toServer, rejections, config.registerResendInterval().toNanos(),
                    nanoClock, epochClock);
            holder.set(agent);
            runner = new AgentRunner(config.idleStrategy().create(),
                    error -> LOG.error("worker {} agent error", workerId, error), null, agent);
            AgentRunner.startOnThread(runner);
            CompletableFuture<RegisterAckPayload> registered = new CompletableFuture<>();
            agent.submit(() -> agent.startRegistration(registered));
            RegisterAckPayload ack = await(registered, config.connectTimeout(), agent,
                    "worker " + workerId + " got no registration answer from " + server.channel() + " stream "
                            + server.streamId() + " within " + config.connectTimeout());
            ParameterServerClient client = new ParameterServerClient(config, workerId, steps, server, agent, runner,
                    rejections, ack);
            if (ack.version() >= steps.end()) {
                client.close();
                throw new IllegalArgumentException("worker " + workerId + " registered for steps " + steps
                        + " but the server is already at version " + ack.version());
            }
            LOG.info("worker {} registered with {} for steps {} (server version {}, {} parameters)", workerId,
                    server.channel(), steps, ack.version(), ack.parameterCount());
            return client;
        } catch (RuntimeException e) {
            if (runner != null) {
                // The agent closes the subscription and publication when its runner stops.
                CloseHelper.quietClose(runner);
            } else {
                CloseHelper.quietClose(toServer);
                CloseHelper.quietClose(replies);
            }
            throw e;
        }
    }

    public int workerId() {
        return workerId;
    }

    public StepRange steps() {
        return steps;
    }

    /** Number of parameters the server holds. */
    public int parameterCount() {
        return parameterCount;
    }

    /** Version of the parameters this client received last (or learned at registration). */
    public synchronized long lastVersion() {
        return lastVersion;
    }

    /** Messages this client dropped, per reason. */
    public RejectionCounters rejections() {
        return rejections;
    }

    /** True when the server evicted this worker after it missed a step. */
    public boolean isEvicted() {
        return agent.isEvicted();
    }

    /**
     * Copies the server's current parameters into {@code target}.
     *
     * @return their version
     */
    public synchronized long pull(float[] target) {
        ensureOpen();
        requireLength("target", target.length);
        ClientAgent.PullOperation operation = new ClientAgent.PullOperation(target);
        agent.submit(() -> agent.startPull(operation));
        lastVersion = await(operation.result, config.connectTimeout(), agent,
                "worker " + workerId + " received no parameters from " + server.channel() + " within "
                        + config.connectTimeout());
        return lastVersion;
    }

    /** The server's current parameters as a new {@code [1, n]} float array owned by the caller. */
    public synchronized INDArray pull() {
        pull(receiveBuffer());
        return toArray(received);
    }

    /**
     * Pushes this worker's gradient for {@code step} and waits for the parameters of version
     * {@code step + 1}, which the server publishes once every expected worker pushed and the
     * optimiser ran.
     *
     * @param step the step, i.e. the version of the parameters the gradient was computed on
     * @param gradient the gradient (read before this method returns, may be reused afterwards)
     * @param weight this gradient's weight in the mean, e.g. its triplet count; > 0
     * @param target receives the new parameters
     * @return the new version, {@code step + 1}
     * @throws StepAbortedException if the server discarded the step
     * @throws StepRejectedException if the step is not the one being collected (for example this
     *     worker already received a later version): pull and continue from the current version
     * @throws ParameterServerTimeoutException if no new version came within the push timeout
     */
    public synchronized long pushAndPull(long step, float[] gradient, double weight, float[] target) {
        requireLength("gradient", gradient.length);
        return exchange(step, weight, target, outgoing -> System.arraycopy(gradient, 0, outgoing, 0, parameterCount));
    }

    /**
     * As {@link #pushAndPull(long, float[], double, float[])} with ND4J arrays: the gradient may be
     * any float array of {@link #parameterCount()} elements (a view is copied); the result is a new
     * {@code [1, n]} array owned by the caller.
     */
    public synchronized INDArray pushAndPull(long step, INDArray gradient, double weight) {
        if (gradient.length() != parameterCount) {
            throw new IllegalArgumentException("gradient has " + gradient.length() + " elements, the server holds "
                    + parameterCount + " parameters");
        }
        exchange(step, weight, receiveBuffer(), outgoing -> copyInto(gradient, outgoing));
        return toArray(received);
    }

    private long exchange(long step, double weight, float[] target, Consumer<float[]> fillGradient) {
        ensureOpen();
        requireLength("target", target.length);
        if (!steps.contains(step)) {
            throw new IllegalArgumentException("step " + step + " is outside worker " + workerId + "'s range " + steps);
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be a finite number > 0, got " + weight);
        }
        // No push is active here (each ends before its future completes), so the buffer is ours to fill.
        fillGradient.accept(agent.outgoing());
        ClientAgent.PushOperation operation = new ClientAgent.PushOperation(step, weight, target);
        agent.submit(() -> agent.startPush(operation));
        lastVersion = await(operation.result, config.pushTimeout(), agent,
                "worker " + workerId + " pushed step " + step + " but version " + (step + 1) + " did not arrive within "
                        + config.pushTimeout());
        return lastVersion;
    }

    /**
     * Waits for an operation; on timeout cancels it on the agent thread (so the agent no longer
     * writes into the caller's arrays) before throwing.
     */
    private static <T> T await(CompletableFuture<T> result, Duration timeout, ClientAgent agent,
                               String timeoutMessage) {
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            CompletableFuture<Void> cancelled = new CompletableFuture<>();
            agent.submit(() -> agent.cancelOperations(cancelled));
            try {
                cancelled.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException cancelFailure) {
                throw new ParameterServerException(timeoutMessage + "; cancelling the operation also failed",
                        cancelFailure);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new ParameterServerException(timeoutMessage + "; interrupted while cancelling", interrupted);
            }
            throw new ParameterServerTimeoutException(timeoutMessage);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ParameterServerException failure) {
                throw failure;
            }
            throw new ParameterServerException("operation failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParameterServerException("interrupted while waiting: " + timeoutMessage, e);
        }
    }

    private void copyInto(INDArray gradient, float[] outgoing) {
        if (gradient.dataType() == DataType.FLOAT && !gradient.isView() && gradient.ordering() == 'c') {
            gradient.data().asNioFloat().get(outgoing, 0, parameterCount);
            return;
        }
        INDArray floats = gradient.dataType() == DataType.FLOAT ? gradient : gradient.castTo(DataType.FLOAT);
        try (INDArray dense = floats.dup('c')) {
            dense.data().asNioFloat().get(outgoing, 0, parameterCount);
        } finally {
            if (floats != gradient) {
                floats.close();
            }
        }
    }

    /** The buffer the ND4J variants receive into, allocated on first use (float[] callers never need it). */
    private float[] receiveBuffer() {
        if (received == null) {
            received = new float[parameterCount];
        }
        return received;
    }

    private INDArray toArray(float[] values) {
        return Nd4j.create(values, new long[] {1, parameterCount}, 'c');
    }

    private void requireLength(String what, int length) {
        if (length != parameterCount) {
            throw new IllegalArgumentException(what + " has " + length + " elements, the server holds " + parameterCount
                    + " parameters");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("worker " + workerId + "'s client is closed");
        }
    }

    /**
     * Deregisters (unless evicted; waiting at most the send timeout for the message to leave) and
     * stops the agent. The Aeron instance stays open.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!agent.isEvicted()) {
                CompletableFuture<Void> sent = new CompletableFuture<>();
                agent.submit(() -> agent.startDeregistration(sent));
                sent.get(config.sendTimeout().toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("worker {} could not deregister: {}", workerId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("worker {} interrupted while deregistering", workerId);
        } finally {
            CloseHelper.close(runner);
            LOG.info("worker {} closed; rejected messages: {}", workerId, rejections);
        }
    }

    /** Lets the image handler, created before the agent, reach it once it exists. */
    private static final class AgentHolder {
        private volatile ClientAgent agent;

        void set(ClientAgent value) {
            agent = value;
        }

        void whenReady(Consumer<ClientAgent> action) {
            ClientAgent current = agent;
            if (current != null) {
                action.accept(current);
            }
        }
    }
}
