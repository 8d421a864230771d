package io.facetrain.bench;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.facetrain.paramserver.Channels;
import io.facetrain.paramserver.ParamServerConfig;
import io.facetrain.paramserver.ServerEndpoint;
import io.facetrain.paramserver.wire.Header;
import io.facetrain.paramserver.wire.MessageSigner;
import io.facetrain.paramserver.wire.TensorPayload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The transfers one synchronous step needs, done with bare Aeron publications and subscriptions on
 * the parameter server's own channel settings and message sizes, without signing, bookkeeping or
 * optimiser: every worker sends the tensor to one "server" subscription; once all arrived the server
 * sends the tensor back to every worker. The time this takes is the floor for a parameter-server step.
 *
 * <p>With a secret, the same exchange also pays the one cost the protocol makes mandatory: the HMAC
 * passes. Every worker signs each message it sends, the server verifies each one it receives, signs
 * each outgoing message once for all workers (as the parameter server's cache does), and every worker
 * verifies what it receives; a message that fails verification fails the exchange. Nothing else of the
 * protocol (decoding, bookkeeping, combining, the optimiser) is done, so this is the floor for any
 * design that signs every message with HMAC-SHA256.
 */
final class RawAeronExchange implements AutoCloseable {
    private static final int STREAM_UP = 5101;
    private static final int STREAM_DOWN = 5102;
    private static final int FRAGMENT_LIMIT = 256;

    private final ParamServerConfig config;
    private final int workers;
    private final int messages;
    private final int messageLength;
    private final long timeoutNs;
    private final Subscription serverSubscription;
    private final List<ExclusivePublication> up = new ArrayList<>();
    private final List<Subscription> workerSubscriptions = new ArrayList<>();
    private final List<ExclusivePublication> down = new ArrayList<>();
    private final List<MessageSigner> workerSigners = new ArrayList<>();
    private final MessageSigner serverSigner;
    private final List<UnsafeBuffer> workerPayloads = new ArrayList<>();
    private final List<UnsafeBuffer> serverPayloads = new ArrayList<>();
    private final boolean[] serverPayloadSigned;

    /**
     * @param secret HMAC key to sign and verify every message with, or null for unsigned transfers
     */
    RawAeronExchange(Aeron aeron, ParamServerConfig config, int parameters, int workers, byte[] secret, long timeoutNs) {
        this.config = config;
        this.serverSigner = secret == null ? null : new MessageSigner(secret);
        this.workers = workers;
        this.timeoutNs = timeoutNs;
        int chunkElements = config.chunkElements();
        this.messages = (parameters + chunkElements - 1) / chunkElements;
        this.messageLength = TensorPayload.maxMessageLength(Math.min(chunkElements, parameters));
        for (int w = 0; w < workers; w++) {
            workerPayloads.add(new UnsafeBuffer(new byte[messageLength]));
            workerSigners.add(secret == null ? null : new MessageSigner(secret));
        }
        // unsigned: one buffer serves every message; signed: each message carries its own MAC
        for (int m = 0; m < (secret == null ? 1 : messages); m++) {
            serverPayloads.add(new UnsafeBuffer(new byte[messageLength]));
        }
        this.serverPayloadSigned = new boolean[serverPayloads.size()];
        serverSubscription = aeron.addSubscription(Channels.serverSubscription(config), STREAM_UP);
        try {
            ServerEndpoint server = Channels.advertisedServer(config, serverSubscription, SystemNanoClock.INSTANCE);
            for (int w = 0; w < workers; w++) {
                Subscription reply = aeron.addSubscription(Channels.workerSubscription(config, false, 0), STREAM_DOWN);
                workerSubscriptions.add(reply);
                String replyChannel = Channels.advertisedWorker(config, false, 0, reply, SystemNanoClock.INSTANCE);
                up.add(aeron.addExclusivePublication(Channels.publication(config, server.channel()), STREAM_UP));
                down.add(aeron.addExclusivePublication(Channels.publication(config, replyChannel), STREAM_DOWN));
            }
            awaitConnected();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Bytes that cross the network in one exchange (up and down). */
    long bytesPerExchange() {
        return 2L * workers * messages * messageLength;
    }

    /**
     * Runs one exchange with worker threads from {@code pool}.
     *
     * @return nanoseconds from start until every worker received the whole tensor back
     */
    long exchange(ExecutorService pool) throws Exception {
        long start = System.nanoTime();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            done.add(CompletableFuture.runAsync(() -> workerSide(worker), pool));
        }
        serverSide();
        for (CompletableFuture<Void> future : done) {
            future.get(timeoutNs, TimeUnit.NANOSECONDS);
        }
        return System.nanoTime() - start;
    }

    private void workerSide(int worker) {
        MessageSigner signer = workerSigners.get(worker);
        send(up.get(worker), workerPayloads.get(worker), signer, messages);
        receive(workerSubscriptions.get(worker), signer, messages);
    }

    private void serverSide() {
        MessageSigner signer = serverSigner;
        receive(serverSubscription, signer, (long) messages * workers);
        Arrays.fill(serverPayloadSigned, false);
        // Round-robin over the workers, as the server's agent drains its outboxes.
        int[] sent = new int[workers];
        IdleStrategy idle = config.idleStrategy().create();
        long deadline = System.nanoTime() + timeoutNs;
        int remaining = messages * workers;
        while (remaining > 0) {
            int progress = 0;
            for (int w = 0; w < workers; w++) {
                if (sent[w] < messages && offer(down.get(w), serverPayload(sent[w], signer))) {
                    sent[w]++;
                    remaining--;
                    progress++;
                }
            }
            idle.idle(progress);
            checkDeadline(deadline, "server send");
        }
    }

    /** The server's message {@code index}, signed on first use when signing. */
    private UnsafeBuffer serverPayload(int index, MessageSigner signer) {
        if (signer == null) {
            return serverPayloads.get(0);
        }
        UnsafeBuffer buffer = serverPayloads.get(index);
        if (!serverPayloadSigned[index]) {
            signer.sign(buffer, 0, messageLength - Header.LENGTH);
            serverPayloadSigned[index] = true;
        }
        return buffer;
    }

    private void send(ExclusivePublication publication, UnsafeBuffer payload, MessageSigner signer, int count) {
        IdleStrategy idle = config.idleStrategy().create();
        long deadline = System.nanoTime() + timeoutNs;
        boolean signed = false;
        for (int i = 0; i < count; ) {
            if (signer != null && !signed) {
                signer.sign(payload, 0, messageLength - Header.LENGTH);
                signed = true;
            }
            if (offer(publication, payload)) {
                i++;
                signed = false;
                idle.reset();
            } else {
                idle.idle();
                checkDeadline(deadline, "worker send");
            }
        }
    }

    private boolean offer(ExclusivePublication publication, UnsafeBuffer payload) {
        long result = publication.offer(payload, 0, messageLength);
        if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED) {
            throw new IllegalStateException("raw publication failed: " + result);
        }
        return result > 0;
    }

    private void receive(Subscription subscription, MessageSigner signer, long count) {
        AtomicLong received = new AtomicLong();
        FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) -> {
            verify(signer, buffer, offset, length);
            received.incrementAndGet();
        });
        IdleStrategy idle = config.idleStrategy().create();
        long deadline = System.nanoTime() + timeoutNs;
        while (received.get() < count) {
            idle.idle(subscription.poll(assembler, FRAGMENT_LIMIT));
            checkDeadline(deadline, "receive");
        }
    }

    private static void verify(MessageSigner signer, DirectBuffer buffer, int offset, int length) {
        if (signer != null && !signer.verify(buffer, offset, length - Header.LENGTH)) {
            throw new IllegalStateException("a signed raw message failed verification");
        }
    }

    private void awaitConnected() {
        long deadline = System.nanoTime() + timeoutNs;
        List<Publication> all = new ArrayList<>(up);
        all.addAll(down);
        for (Publication publication : all) {
            while (!publication.isConnected()) {
                checkDeadline(deadline, "connect");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    private void checkDeadline(long deadline, String phase) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("raw exchange " + phase + " took longer than "
                    + TimeUnit.NANOSECONDS.toSeconds(timeoutNs) + " s");
        }
    }

    @Override
    public void close() {
        CloseHelper.closeAll(up);
        CloseHelper.closeAll(down);
        CloseHelper.closeAll(workerSubscriptions);
        CloseHelper.close(serverSubscription);
    }
}
