package io.facetrain.paramserver;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.exceptions.AeronException;
import io.aeron.logbuffer.Header;
import io.facetrain.paramserver.wire.ChunkLayout;
import io.facetrain.paramserver.wire.ControlMessages;
import io.facetrain.paramserver.wire.InboundMessage;
import io.facetrain.paramserver.wire.MessageEncoder;
import io.facetrain.paramserver.wire.MessageKind;
import io.facetrain.paramserver.wire.MessageSigner;
import io.facetrain.paramserver.wire.PushRejectedPayload;
import io.facetrain.paramserver.wire.RegisterAckPayload;
import io.facetrain.paramserver.wire.RegisterPayload;
import io.facetrain.paramserver.wire.Rejection;
import io.facetrain.paramserver.wire.RejectionCounters;
import io.facetrain.paramserver.wire.StepAbortedPayload;
import io.facetrain.paramserver.wire.TensorPayload;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's single thread of control: it receives and verifies messages, assembles gradients,
 * decides when a step is complete or must be aborted, applies the optimiser and sends. Everything it
 * owns is touched only from its duty cycle; other threads talk to it through {@link #submit}.
 */
final class ServerAgent implements Agent {
    private static final Logger LOG = LoggerFactory.getLogger(ServerAgent.class);
    private static final int FRAGMENT_LIMIT = 256;
    private static final int SEND_BUDGET_PER_WORKER = 16;
    private static final int ABORT_HISTORY = 64;

    private final Aeron aeron;
    private final ParamServerConfig config;
    private final long runId;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final Subscription subscription;
    private final FragmentAssembler assembler;
    private final InboundMessage inbound;
    private final MessageEncoder encoder;
    private final ChunkLayout layout;
    private final Optimizer optimizer;
    private final float[] parameters;
    private final float[] combined;
    private final ParameterCache cache;
    private final TreeMap<Integer, WorkerSession> workers = new TreeMap<>();
    private final TreeMap<Integer, StepRange> roster = new TreeMap<>();
    private final Long2LongHashMap lastControlTimestamp = new Long2LongHashMap(Long.MIN_VALUE);
    private final List<Departing> departing = new ArrayList<>();
    private final ManyToOneConcurrentLinkedQueue<Runnable> commands = new ManyToOneConcurrentLinkedQueue<>();
    private final RejectionCounters rejections;
    private final ParameterServerListener listener;
    private final Consumer<ServerStatus> statusSink;
    private final ArrayDeque<StepAbort> recentAborts = new ArrayDeque<>();
    private final long stepTimeoutNs;
    private final long sendTimeoutNs;
    private final long replayWindowMs;

    private long version;
    private int attempt;
    private long attemptStartNs = -1;
    private int lastAppliedAttempt = -1;
    private final Set<Integer> lastContributors = new HashSet<>();

    ServerAgent(Aeron aeron, ParamServerConfig config, RunCredentials credentials, ServerState initial,
                Subscription subscription, RejectionCounters rejections, ParameterServerListener listener,
                Consumer<ServerStatus> statusSink, NanoClock nanoClock, EpochClock epochClock) {
        this.aeron = aeron;
        this.config = config;
        this.runId = credentials.runId();
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
        this.subscription = subscription;
        this.rejections = rejections;
        this.listener = listener;
        this.statusSink = statusSink;
        this.inbound = new InboundMessage(runId, new MessageSigner(credentials.secret()), true);
        this.encoder = new MessageEncoder(runId, new MessageSigner(credentials.secret()));
        this.assembler = new FragmentAssembler(this::onMessage);
        this.layout = new ChunkLayout(initial.parameterCount(), config.chunkElements());
        this.version = initial.version();
        this.parameters = initial.parameters().clone();
        this.combined = new float[parameters.length];
        this.optimizer = new Optimizer(initial.plan(), parameters, initial.optimizerState());
        this.cache = new ParameterCache(layout, encoder, epochClock, parameters, version);
        this.stepTimeoutNs = config.stepTimeout().toNanos();
        this.sendTimeoutNs = config.sendTimeout().toNanos();
        this.replayWindowMs = config.replayWindow().toMillis();
        publishStatus();
    }

    @Override
    public String roleName() {
        return "facetrain-ps-server-" + Long.toHexString(runId);
    }

    /** Runs {@code command} on the agent thread at the start of its next duty cycle. */
    void submit(Runnable command) {
        commands.offer(command);
    }

    /** Completes {@code result} with a copy of the state between two steps (called via {@link #submit}). */
    void snapshotInto(CompletableFuture<ServerState> result) {
        result.complete(new ServerState(version, optimizer.plan(), parameters.clone(), optimizer.stateSnapshot()));
    }

    /**
     * Declares that each of {@code workerIds} must push every step in {@code steps}, registered yet
     * or not (called via {@link #submit}).
     */
    void expect(StepRange steps, int[] workerIds, CompletableFuture<Void> done) {
        for (int workerId : workerIds) {
            roster.put(workerId, steps);
        }
        LOG.info("expecting workers {} for steps {}", Arrays.toString(workerIds), steps);
        completeStepIfReady();
        publishStatus();
        done.complete(null);
    }

    /** Forgets partial messages of a sender whose image went away (called via {@link #submit}). */
    void freeAssembly(int sessionId) {
        assembler.freeSessionBuffer(sessionId);
    }

    @Override
    public int doWork() {
        int work = runCommands();
        work += subscription.poll(assembler, FRAGMENT_LIMIT);
        work += checkStepTimeout();
        work += send();
        return work;
    }

    @Override
    public void onClose() {
        for (WorkerSession session : workers.values()) {
            session.close();
        }
        workers.clear();
        for (Departing leaving : departing) {
            leaving.session.close();
        }
        departing.clear();
        subscription.close();
        optimizer.close();
        LOG.info("parameter server {} stopped at version {}; rejected messages: {}", Long.toHexString(runId), version,
                rejections);
    }

    private int runCommands() {
        int work = 0;
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
            work++;
        }
        return work;
    }

    private void onMessage(DirectBuffer buffer, int offset, int length, Header header) {
        Rejection rejection = inbound.wrap(buffer, offset, length);
        if (rejection != null) {
            rejections.increment(rejection);
            return;
        }
        switch (inbound.kind()) {
            case REGISTER -> onRegister();
            case DEREGISTER -> onDeregister();
            case PULL -> onPull();
            case GRADIENT -> onGradient();
            default -> rejections.increment(Rejection.UNEXPECTED_KIND);
        }
    }

    private void onRegister() {
        int workerId = inbound.workerId();
        RegisterPayload request = RegisterPayload.read(inbound.buffer(), inbound.payloadOffset(),
                inbound.payloadLength());
        if (workerId < 0 || request == null || !Channels.isValidReplyChannel(request.replyChannel())) {
            rejections.increment(Rejection.MALFORMED);
            return;
        }
        if (!isFreshControl(workerId, inbound.timestampMillis())) {
            return;
        }
        String replyChannel = Channels.publication(config, request.replyChannel());
        WorkerSession session = workers.get(workerId);
        if (session == null || !session.sender().channel().equals(replyChannel)
                || session.sender().streamId() != request.replyStreamId()) {
            // A new worker, or the same id from a new process: start from a clean slate.
            if (session != null) {
                session.close();
            }
            try {
                session = new WorkerSession(workerId, StepRange.of(request.firstStep(), request.endStep()),
                        new PublicationSender(aeron, replyChannel, request.replyStreamId(), nanoClock, sendTimeoutNs,
                                "worker " + workerId), layout);
            } catch (AeronException e) {
                workers.remove(workerId);
                LOG.warn("cannot publish to worker {} on {}: registration ignored", workerId, replyChannel, e);
                rejections.increment(Rejection.MALFORMED);
                return;
            }
            workers.put(workerId, session);
        } else {
            session.steps(StepRange.of(request.firstStep(), request.endStep()));
        }
        session.outbox().enqueue(ControlMessages.encode(encoder, MessageKind.REGISTER_ACK, version, attempt, workerId,
                epochClock.time(), new RegisterAckPayload(inbound.timestampMillis(), version, attempt,
                        layout.chunkElements(), layout.elementCount())));
        LOG.info("worker {} registered for steps {} (server at version {})", workerId, session.steps(), version);
        listener.onWorkerRegistered(workerId, session.steps());
        completeStepIfReady();
        publishStatus();
    }

    private void onDeregister() {
        int workerId = inbound.workerId();
        WorkerSession session = workers.get(workerId);
        if (session == null) {
            rejections.increment(Rejection.UNKNOWN_WORKER);
            return;
        }
        if (inbound.payloadLength() != 0) {
            rejections.increment(Rejection.MALFORMED);
            return;
        }
        if (!isFreshControl(workerId, inbound.timestampMillis())) {
            return;
        }
        workers.remove(workerId).close();
        LOG.info("worker {} deregistered at version {}", workerId, version);
        listener.onWorkerDeregistered(workerId);
        completeStepIfReady();
        publishStatus();
    }

    private void onPull() {
        WorkerSession session = workers.get(inbound.workerId());
        if (session == null) {
            rejections.increment(Rejection.UNKNOWN_WORKER);
            return;
        }
        if (inbound.payloadLength() != 0) {
            rejections.increment(Rejection.MALFORMED);
            return;
        }
        if (isFreshControl(inbound.workerId(), inbound.timestampMillis())) {
            session.outbox().requestParameters();
        }
    }

    private void onGradient() {
        WorkerSession session = workers.get(inbound.workerId());
        if (session == null) {
            rejections.increment(Rejection.UNKNOWN_WORKER);
            return;
        }
        long step = inbound.step();
        int pushedAttempt = inbound.attempt();
        if (!TensorPayload.fitsLayout(inbound, layout, TensorPayload.GRADIENT_PREFIX)) {
            rejections.increment(Rejection.MALFORMED);
            return;
        }
        double weight = TensorPayload.gradientWeight(inbound);
        if (!(weight > 0) || Double.isInfinite(weight)) {
            rejections.increment(Rejection.MALFORMED);
            return;
        }
        if (step == version - 1 && pushedAttempt == lastAppliedAttempt
                && lastContributors.contains(session.workerId())) {
            // Late copies of a gradient that was complete (through earlier identical chunks) when the
            // step was applied: duplicates, and the worker gets the new version as a contributor.
            rejections.increment(Rejection.DUPLICATE_CHUNK);
            return;
        }
        if (step < version || (step == version && pushedAttempt < attempt)) {
            rejectPush(session, Rejection.STALE_STEP, step == version ? PushRejectedPayload.Reason.SUPERSEDED_ATTEMPT
                    : PushRejectedPayload.Reason.STALE_STEP);
            return;
        }
        if (step > version || pushedAttempt > attempt) {
            rejectPush(session, Rejection.FUTURE_STEP, PushRejectedPayload.Reason.FUTURE_STEP);
            return;
        }
        if (!session.steps().contains(step)) {
            rejectPush(session, Rejection.UNKNOWN_WORKER, PushRejectedPayload.Reason.OUTSIDE_RANGE);
            return;
        }
        Contribution contribution = session.contribution();
        if (!contribution.isFor(step, pushedAttempt)) {
            contribution.start(step, pushedAttempt, weight);
        } else if (contribution.weight() != weight) {
            rejections.increment(Rejection.MALFORMED);
            return;
        }
        int chunk = inbound.chunkIndex();
        if (contribution.hasChunk(chunk)) {
            rejections.increment(Rejection.DUPLICATE_CHUNK);
            return;
        }
        TensorPayload.copyInto(inbound, layout, TensorPayload.GRADIENT_PREFIX, contribution.gradient());
        contribution.markReceived(chunk);
        if (attemptStartNs < 0) {
            attemptStartNs = nanoClock.nanoTime();
        }
        if (contribution.isComplete()) {
            completeStepIfReady();
            publishStatus();
        }
    }

    private void rejectPush(WorkerSession session, Rejection rejection, PushRejectedPayload.Reason reason) {
        rejections.increment(rejection);
        if (session.firstRejectionOf(inbound.step(), inbound.attempt())) {
            session.outbox().enqueue(ControlMessages.encode(encoder, MessageKind.PUSH_REJECTED, inbound.step(),
                    inbound.attempt(), session.workerId(), epochClock.time(),
                    new PushRejectedPayload(reason, version, attempt)));
        }
    }

    /**
     * Accepts a control message only if its timestamp is within the replay window and newer than
     * the last control message of that worker id; a captured REGISTER or DEREGISTER replayed later
     * is therefore refused.
     */
    private boolean isFreshControl(int workerId, long timestampMillis) {
        long now = epochClock.time();
        long last = lastControlTimestamp.get(workerId);
        if (Math.abs(now - timestampMillis) > replayWindowMs || timestampMillis <= last) {
            rejections.increment(Rejection.REPLAYED);
            return false;
        }
        lastControlTimestamp.put(workerId, timestampMillis);
        return true;
    }

    /**
     * Workers the current step waits for, ascending: registered workers whose range contains it and
     * workers the owner declared for it.
     */
    private TreeSet<Integer> expectedWorkers() {
        TreeSet<Integer> expected = new TreeSet<>();
        for (WorkerSession session : workers.values()) {
            if (session.steps().contains(version)) {
                expected.add(session.workerId());
            }
        }
        roster.forEach((workerId, steps) -> {
            if (steps.contains(version)) {
                expected.add(workerId);
            }
        });
        return expected;
    }

    /** Expected workers whose gradient for the current attempt is not complete (or not registered at all). */
    private List<Integer> incompleteWorkers() {
        List<Integer> incomplete = new ArrayList<>();
        for (int workerId : expectedWorkers()) {
            WorkerSession session = workers.get(workerId);
            if (session == null || !session.contribution().isCompleteFor(version, attempt)) {
                incomplete.add(workerId);
            }
        }
        return incomplete;
    }

    private void completeStepIfReady() {
        TreeSet<Integer> expected = expectedWorkers();
        if (expected.isEmpty() || !incompleteWorkers().isEmpty()) {
            return;
        }
        List<WorkerSession> contributors = new ArrayList<>(expected.size());
        for (int workerId : expected) {
            contributors.add(workers.get(workerId));
        }
        applyStep(contributors);
    }

    /** Weighted mean in ascending worker order (so the result is reproducible), then one optimiser step. */
    private void applyStep(List<WorkerSession> contributors) {
        double totalWeight = 0;
        for (WorkerSession session : contributors) {
            totalWeight += session.contribution().weight();
        }
        for (int k = 0; k < contributors.size(); k++) {
            float share = (float) (contributors.get(k).contribution().weight() / totalWeight);
            float[] gradient = contributors.get(k).contribution().gradient();
            if (k == 0) {
                for (int i = 0; i < combined.length; i++) {
                    combined[i] = share * gradient[i];
                }
            } else {
                for (int i = 0; i < combined.length; i++) {
                    combined[i] += share * gradient[i];
                }
            }
        }
        if (!allFinite(combined)) {
            List<Integer> offenders = new ArrayList<>();
            for (WorkerSession session : contributors) {
                if (!allFinite(session.contribution().gradient())) {
                    offenders.add(session.workerId());
                }
            }
            abort(AbortReason.NON_FINITE_GRADIENT, List.of(), offenders);
            return;
        }
        optimizer.apply(combined, version, parameters);
        lastAppliedAttempt = attempt;
        lastContributors.clear();
        version++;
        attempt = 0;
        attemptStartNs = -1;
        cache.publish(version);
        int[] ids = new int[contributors.size()];
        for (int i = 0; i < ids.length; i++) {
            WorkerSession session = contributors.get(i);
            ids[i] = session.workerId();
            lastContributors.add(ids[i]);
            session.contribution().discard();
            session.outbox().requestParameters();
        }
        LOG.debug("step {} applied from workers {}", version - 1, ids);
        listener.onStepApplied(version, ids);
    }

    private static boolean allFinite(float[] values) {
        for (float value : values) {
            if (!Float.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    private int checkStepTimeout() {
        if (attemptStartNs < 0 || nanoClock.nanoTime() - attemptStartNs < stepTimeoutNs) {
            return 0;
        }
        List<Integer> missing = incompleteWorkers();
        if (missing.isEmpty()) {
            // Nobody is expected any more (all left): nothing to wait for, nothing to report.
            attemptStartNs = -1;
            return 1;
        }
        abort(AbortReason.TIMEOUT, missing, List.of());
        return 1;
    }

    /** Discards the current attempt whole, applies the policy and tells every worker. */
    private void abort(AbortReason reason, List<Integer> missing, List<Integer> nonFinite) {
        int abortedAttempt = attempt;
        attempt++;
        attemptStartNs = -1;
        for (WorkerSession session : workers.values()) {
            session.contribution().discard();
        }
        List<Integer> evicted = new ArrayList<>();
        List<WorkerSession> notify = new ArrayList<>(workers.values());
        if (reason == AbortReason.TIMEOUT && config.abortPolicy() == AbortPolicy.CONTINUE_WITHOUT_MISSING) {
            for (int workerId : missing) {
                roster.remove(workerId);
                WorkerSession session = workers.remove(workerId);
                if (session != null) {
                    departing.add(new Departing(session, nanoClock.nanoTime() + sendTimeoutNs));
                }
                evicted.add(workerId);
            }
        }
        StepAbort event = new StepAbort(version, abortedAttempt, reason, missing, nonFinite, evicted,
                config.abortPolicy());
        StepAbortedPayload payload = new StepAbortedPayload(attempt, reason.code(), config.abortPolicy().code(),
                toArray(missing),
                toArray(nonFinite), toArray(evicted));
        for (WorkerSession session : notify) {
            session.outbox().enqueue(ControlMessages.encode(encoder, MessageKind.STEP_ABORTED, version, abortedAttempt,
                    session.workerId(), epochClock.time(), payload));
        }
        recentAborts.add(event);
        if (recentAborts.size() > ABORT_HISTORY) {
            recentAborts.removeFirst();
        }
        LOG.warn("parameter server {}: {}", Long.toHexString(runId), event);
        listener.onStepAborted(event);
        publishStatus();
    }

    private static int[] toArray(List<Integer> ids) {
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private int send() {
        int sent = 0;
        for (WorkerSession session : workers.values()) {
            sent += session.drain(cache, SEND_BUDGET_PER_WORKER);
        }
        if (!departing.isEmpty()) {
            long now = nanoClock.nanoTime();
            for (Iterator<Departing> it = departing.iterator(); it.hasNext(); ) {
                Departing leaving = it.next();
                sent += leaving.session.drain(cache, SEND_BUDGET_PER_WORKER);
                if (leaving.session.outbox().isEmpty() || now > leaving.deadlineNs) {
                    leaving.session.close();
                    it.remove();
                }
            }
        }
        return sent;
    }

    private void publishStatus() {
        statusSink.accept(new ServerStatus(version, attempt, new ArrayList<>(workers.keySet()), incompleteWorkers(),
                new ArrayList<>(recentAborts), rejections.snapshot()));
    }

    /** An evicted worker whose abort notice is still being sent. */
    private record Departing(WorkerSession session, long deadlineNs) {
    }
}
