package io.facetrain.paramserver;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.facetrain.paramserver.wire.ChunkLayout;
import io.facetrain.paramserver.wire.ControlMessages;
import io.facetrain.paramserver.wire.ControlPayload;
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
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A worker's network loop: registers, sends gradient chunks, reassembles parameter versions and
 * completes the caller's pending operation. Its state is touched only from its duty cycle; the
 * client hands it operations through {@link #submit}.
 */
final class ClientAgent implements Agent {
    private static final int FRAGMENT_LIMIT = 256;
    private static final int SEND_BUDGET = 16;

    private final int workerId;
    private final long runId;
    private final StepRange steps;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final Subscription replies;
    private final String replyChannel;
    private final int replyStreamId;
    private final PublicationSender toServer;
    private final FragmentAssembler assembler;
    private final InboundMessage inbound;
    private final MessageEncoder encoder;
    private final RejectionCounters rejections;
    private final ManyToOneConcurrentLinkedQueue<Runnable> commands = new ManyToOneConcurrentLinkedQueue<>();
    private final ArrayDeque<PendingControl> control = new ArrayDeque<>();
    private final long registerResendNs;

    private ChunkLayout layout;
    private float[] staging;
    private BitSet stagingChunks;
    private long stagingVersion = -1;
    private int stagingReceived;
    private boolean stagingComplete;
    private float[] outgoing;
    private UnsafeBuffer chunkBuffer;
    private int encodedChunk = -1;
    private int encodedLength;

    private Registration registration;
    private PushOperation push;
    private PullOperation pull;
    private long knownVersion = -1;
    private int knownAttempt;
    private long lastControlTimestamp;
    private long registrationFirstTimestamp = Long.MAX_VALUE;
    private volatile boolean evicted;

    ClientAgent(int workerId, RunCredentials credentials, StepRange steps, Subscription replies, String replyChannel,
                int replyStreamId, PublicationSender toServer, RejectionCounters rejections, long registerResendNs,
                NanoClock nanoClock, EpochClock epochClock) {
        this.workerId = workerId;
        this.runId = credentials.runId();
        this.steps = steps;
        this.replies = replies;
        this.replyChannel = replyChannel;
        this.replyStreamId = replyStreamId;
        this.toServer = toServer;
        this.rejections = rejections;
        this.registerResendNs = registerResendNs;
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
        this.inbound = new InboundMessage(runId, new MessageSigner(credentials.secret()), false);
        this.encoder = new MessageEncoder(runId, new MessageSigner(credentials.secret()));
        this.assembler = new FragmentAssembler(this::onMessage);
    }

    @Override
    public String roleName() {
        return "facetrain-ps-worker-" + workerId + "-" + Long.toHexString(runId);
    }

    void submit(Runnable command) {
        commands.offer(command);
    }

    /** Forgets partial messages of an image that went away. */
    void freeAssembly(int sessionId) {
        assembler.freeSessionBuffer(sessionId);
    }

    boolean isEvicted() {
        return evicted;
    }

    /** The buffer a push reads its gradient from; the caller fills it while no push is active. */
    float[] outgoing() {
        return outgoing;
    }

    @Override
    public int doWork() {
        int work = runCommands();
        work += replies.poll(assembler, FRAGMENT_LIMIT);
        work += resendRegistration();
        work += sendControl();
        work += sendGradient();
        return work;
    }

    @Override
    public void onClose() {
        failOperations(new ParameterServerException("worker " + workerId + " is closing"));
        replies.close();
        toServer.close();
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

    // ---- operations started by the client (run on this thread via submit) ----

    void startRegistration(CompletableFuture<RegisterAckPayload> result) {
        registration = new Registration(result);
        sendRegister();
    }

    void startPull(PullOperation operation) {
        operation.minVersion = knownVersion;
        if (stagingComplete && stagingVersion >= knownVersion) {
            deliver(operation.target);
            operation.result.complete(stagingVersion);
            return;
        }
        pull = operation;
        queueControl(MessageKind.PULL, knownVersion, 0, ControlPayload.EMPTY, null);
    }

    void startPush(PushOperation operation) {
        if (evicted) {
            operation.result.completeExceptionally(new ParameterServerException("worker " + workerId
                    + " was evicted from run " + Long.toHexString(runId) + "; register again to take part"));
            return;
        }
        if (stagingComplete && stagingVersion > operation.step) {
            // This worker already holds a later version: the step is over, the gradient is stale.
            operation.result.completeExceptionally(new StepRejectedException(workerId, operation.step,
                    PushRejectedPayload.Reason.STALE_STEP, stagingVersion, 0));
            return;
        }
        operation.attempt = operation.step == knownVersion ? knownAttempt : 0;
        push = operation;
        encodedChunk = -1;
    }

    void startDeregistration(CompletableFuture<Void> sent) {
        queueControl(MessageKind.DEREGISTER, knownVersion, 0, ControlPayload.EMPTY, sent);
    }

    /** Drops the current operations so the caller may reuse its arrays (after a timeout). */
    void cancelOperations(CompletableFuture<Void> done) {
        failOperations(new CancellationException("cancelled by worker " + workerId));
        done.complete(null);
    }

    private void failOperations(RuntimeException cause) {
        if (push != null) {
            PushOperation failed = push;
            push = null;
            failed.result.completeExceptionally(cause);
        }
        if (pull != null) {
            PullOperation failed = pull;
            pull = null;
            failed.result.completeExceptionally(cause);
        }
        if (registration != null) {
            Registration failed = registration;
            registration = null;
            failed.result.completeExceptionally(cause);
        }
    }

    // ---- sending ----

    private void sendRegister() {
        RegisterPayload payload = new RegisterPayload(steps.first(), steps.end(), replyStreamId, replyChannel);
        long timestamp = queueControl(MessageKind.REGISTER, steps.first(), 0, payload, null);
        if (!registration.sentOnce) {
            registration.sentOnce = true;
            registrationFirstTimestamp = timestamp;
        }
        registration.lastSentNs = nanoClock.nanoTime();
    }

    private int resendRegistration() {
        if (registration != null && nanoClock.nanoTime() - registration.lastSentNs > registerResendNs) {
            sendRegister();
            return 1;
        }
        return 0;
    }

    private long queueControl(MessageKind kind, long step, int attempt, ControlPayload payload,
                              CompletableFuture<Void> onSent) {
        // Strictly increasing per worker, so the server can refuse replays of older control messages.
        long timestamp = Math.max(epochClock.time(), lastControlTimestamp + 1);
        lastControlTimestamp = timestamp;
        control.add(new PendingControl(ControlMessages.encode(encoder, kind, step, attempt, workerId, timestamp,
                payload), onSent));
        return timestamp;
    }

    private int sendControl() {
        int sent = 0;
        while (!control.isEmpty()) {
            PendingControl head = control.peek();
            PublicationSender.Outcome outcome = toServer.offer(head.message, 0, head.message.capacity());
            if (outcome == PublicationSender.Outcome.RETRY) {
                return sent;
            }
            control.poll();
            if (outcome == PublicationSender.Outcome.FAILED) {
                serverUnreachable();
                return sent;
            }
            if (head.onSent != null) {
                head.onSent.complete(null);
            }
            sent++;
        }
        return sent;
    }

    private int sendGradient() {
        if (push == null || push.allSent) {
            return 0;
        }
        int sent = 0;
        while (sent < SEND_BUDGET && !push.allSent) {
            int chunk = push.nextChunk;
            if (encodedChunk != chunk) {
                encodedLength = TensorPayload.encodeGradient(encoder, chunkBuffer, push.step, push.attempt, workerId,
                        layout, chunk, epochClock.time(), push.weight, outgoing);
                encodedChunk = chunk;
            }
            PublicationSender.Outcome outcome = toServer.offer(chunkBuffer, 0, encodedLength);
            if (outcome == PublicationSender.Outcome.RETRY) {
                return sent;
            }
            if (outcome == PublicationSender.Outcome.FAILED) {
                serverUnreachable();
                return sent;
            }
            sent++;
            push.nextChunk++;
            push.allSent = push.nextChunk == layout.count();
        }
        return sent;
    }

    private void serverUnreachable() {
        for (PendingControl pending : control) {
            if (pending.onSent != null) {
                pending.onSent.completeExceptionally(new ParameterServerException("server unreachable"));
            }
        }
        control.clear();
        failOperations(new ParameterServerException("worker " + workerId + " cannot reach the server on "
                + toServer.channel() + ": " + toServer.failure()));
    }

    // ---- receiving ----

    private void onMessage(DirectBuffer buffer, int offset, int length, Header header) {
        Rejection rejection = inbound.wrap(buffer, offset, length);
        if (rejection != null) {
            rejections.increment(rejection);
            return;
        }
        int addressee = inbound.workerId();
        boolean broadcast = inbound.kind() == MessageKind.PARAMETERS;
        if (broadcast ? addressee != io.facetrain.paramserver.wire.Header.ALL_WORKERS : addressee != workerId) {
            rejections.increment(Rejection.MISDIRECTED);
            return;
        }
        switch (inbound.kind()) {
            case REGISTER_ACK -> onRegisterAck();
            case PARAMETERS -> onParameters();
            case STEP_ABORTED -> onStepAborted();
            case PUSH_REJECTED -> onPushRejected();
            default -> rejections.increment(Rejection.UNEXPECTED_KIND);
        }
    }

    private void onRegisterAck() {
        RegisterAckPayload ack = RegisterAckPayload.read(inbound.buffer(), inbound.payloadOffset(),
                inbound.payloadLength());
        if (ack == null || ack.parameterCount() > Integer.MAX_VALUE) {
            rejections.increment(Rejection.MALFORMED);
            return;
        }
        // Only an answer to one of this registration's own requests counts; anything else is a replay.
        if (ack.echoedTimestamp() < registrationFirstTimestamp || ack.echoedTimestamp() > lastControlTimestamp) {
            rejections.increment(Rejection.REPLAYED);
            return;
        }
        if (registration == null) {
            // The answer to a resent request, after the first answer was taken: harmless.
            rejections.increment(Rejection.DUPLICATE_CHUNK);
            return;
        }
        if (layout == null) {
            layout = new ChunkLayout((int) ack.parameterCount(), ack.chunkElements());
            staging = new float[layout.elementCount()];
            stagingChunks = new BitSet(layout.count());
            outgoing = new float[layout.elementCount()];
            chunkBuffer = new UnsafeBuffer(new byte[TensorPayload.maxMessageLength(layout.chunkElements())]);
        } else if (layout.elementCount() != ack.parameterCount() || layout.chunkElements() != ack.chunkElements()) {
            rejections.increment(Rejection.MALFORMED);
            return;
        }
        knownVersion = Math.max(knownVersion, ack.version());
        if (ack.version() == knownVersion) {
            knownAttempt = ack.attempt();
        }
        Registration done = registration;
        registration = null;
        done.result.complete(ack);
    }

    private void onParameters() {
        if (layout == null) {
            rejections.increment(Rejection.UNEXPECTED_KIND);
            return;
        }
        if (!TensorPayload.fitsLayout(inbound, layout, TensorPayload.PARAMETERS_PREFIX)) {
            rejections.increment(Rejection.MALFORMED);
            return;
        }
        long version = inbound.step();
        int chunk = inbound.chunkIndex();
        if (version < stagingVersion) {
            rejections.increment(Rejection.STALE_STEP);
            return;
        }
        if (version > stagingVersion) {
            stagingVersion = version;
            stagingChunks.clear();
            stagingReceived = 0;
            stagingComplete = false;
        } else if (stagingComplete || stagingChunks.get(chunk)) {
            rejections.increment(Rejection.DUPLICATE_CHUNK);
            return;
        }
        TensorPayload.copyInto(inbound, layout, TensorPayload.PARAMETERS_PREFIX, staging);
        stagingChunks.set(chunk);
        if (++stagingReceived == layout.count()) {
            stagingComplete = true;
            if (version > knownVersion) {
                knownVersion = version;
                knownAttempt = 0;
            }
            onVersionComplete(version);
        }
    }

    private void onVersionComplete(long version) {
        // A newer version means the step is applied; any chunks not yet sent are no longer needed.
        if (push != null && version > push.step) {
            PushOperation done = push;
            push = null;
            deliver(done.target);
            done.result.complete(version);
        }
        if (pull != null && version >= pull.minVersion) {
            PullOperation done = pull;
            pull = null;
            deliver(done.target);
            done.result.complete(version);
        }
    }

    private void onStepAborted() {
        StepAbortedPayload payload = StepAbortedPayload.read(inbound.buffer(), inbound.payloadOffset(),
                inbound.payloadLength());
        if (payload == null) {
            rejections.increment(Rejection.MALFORMED);
            return;
        }
        long step = inbound.step();
        int abortedAttempt = inbound.attempt();
        if (step < knownVersion || (step == knownVersion && payload.nextAttempt() <= knownAttempt)) {
            rejections.increment(Rejection.STALE_STEP);
            return;
        }
        knownVersion = step;
        knownAttempt = payload.nextAttempt();
        StepAbort abort;
        try {
            abort = new StepAbort(step, abortedAttempt, AbortReason.fromCode(payload.reasonCode()),
                    boxed(payload.missingWorkers()), boxed(payload.nonFiniteWorkers()), boxed(payload.evictedWorkers()),
                    AbortPolicy.fromCode(payload.policyCode()));
        } catch (IllegalArgumentException e) {
            rejections.increment(Rejection.MALFORMED);
            return;
        }
        if (abort.evictedWorkers().contains(workerId)) {
            evicted = true;
        }
        if (push != null && push.step == step && push.attempt == abortedAttempt) {
            PushOperation failed = push;
            push = null;
            failed.result.completeExceptionally(new StepAbortedException(abort, workerId));
        }
    }

    private void onPushRejected() {
        PushRejectedPayload payload = PushRejectedPayload.read(inbound.buffer(), inbound.payloadOffset(),
                inbound.payloadLength());
        if (payload == null) {
            rejections.increment(Rejection.MALFORMED);
            return;
        }
        if (payload.serverVersion() > knownVersion
                || (payload.serverVersion() == knownVersion && payload.serverAttempt() > knownAttempt)) {
            knownVersion = payload.serverVersion();
            knownAttempt = payload.serverAttempt();
        }
        if (push == null || push.step != inbound.step() || push.attempt != inbound.attempt()) {
            rejections.increment(Rejection.STALE_STEP);
            return;
        }
        PushOperation failed = push;
        push = null;
        failed.result.completeExceptionally(new StepRejectedException(workerId, failed.step, payload.reason(),
                payload.serverVersion(), payload.serverAttempt()));
    }

    private void deliver(float[] target) {
        System.arraycopy(staging, 0, target, 0, staging.length);
    }

    private static List<Integer> boxed(int[] ids) {
        return Arrays.stream(ids).boxed().toList();
    }

    /** A registration waiting for its acknowledgement. */
    private static final class Registration {
        final CompletableFuture<RegisterAckPayload> result;
        boolean sentOnce;
        long lastSentNs;

        Registration(CompletableFuture<RegisterAckPayload> result) {
            this.result = result;
        }
    }

    /** A signed control message waiting to be offered. */
    private record PendingControl(UnsafeBuffer message, CompletableFuture<Void> onSent) {
    }

    /** A push of one step's gradient, waiting for the next version. */
    static final class PushOperation {
        final long step;
        final double weight;
        final float[] target;
        final CompletableFuture<Long> result = new CompletableFuture<>();
        int attempt;
        int nextChunk;
        boolean allSent;

        PushOperation(long step, double weight, float[] target) {
            this.step = step;
            this.weight = weight;
            this.target = target;
        }
    }

    /** A request for the current parameters. */
    static final class PullOperation {
        final float[] target;
        final CompletableFuture<Long> result = new CompletableFuture<>();
        long minVersion;

        PullOperation(float[] target) {
            this.target = target;
        }
    }
}
