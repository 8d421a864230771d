package io.facetrain.paramserver;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FrameDescriptor;
import io.facetrain.paramserver.wire.TensorPayload;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.agrona.BitUtil;

/**
 * Settings shared by a {@link ParameterServer}, its {@link ParameterServerClient}s and the
 * {@link EmbeddedAeron} they run on. Immutable; build one with {@link #builder()} and
 * {@link Builder#conclude()} (which validates everything in one place, naming the offending key) or
 * read the {@code facetrain.paramserver} section of a HOCON file with {@link #fromConfig(Config)}.
 * Every key is documented in {@code conf/facetrain.conf}.
 *
 * <p>Server and workers of one run must use the same transport and chunk size; the server tells
 * workers its chunking when they register. The optimiser matters to the server only.
 */
public final class ParamServerConfig {
    /** HOCON path of this component's section. */
    public static final String SECTION = "facetrain.paramserver";
    /** Largest UDP payload Aeron accepts as an MTU. */
    public static final int MAX_MTU = 65_504;

    private final Transport transport;
    private final String serverHost;
    private final int serverPort;
    private final String workerHost;
    private final int serverStreamId;
    private final int workerStreamId;
    private final int mtu;
    private final int termLength;
    private final int socketBufferLength;
    private final int receiverWindowLength;
    private final boolean sparseTermBuffers;
    private final int chunkSize;
    private final Duration stepTimeout;
    private final Duration pushTimeout;
    private final Duration connectTimeout;
    private final Duration sendTimeout;
    private final Duration replayWindow;
    private final Duration registerResendInterval;
    private final AbortPolicy abortPolicy;
    private final IdleStrategyKind idleStrategy;
    private final ThreadingMode driverThreadingMode;
    private final IdleStrategyKind driverIdleStrategy;
    private final String driverDirectoryParent;
    private final OptimizerSpec optimizer;

    private ParamServerConfig(Builder b) {
        transport = b.transport;
        serverHost = b.serverHost;
        serverPort = b.serverPort;
        workerHost = b.workerHost;
        serverStreamId = b.serverStreamId;
        workerStreamId = b.workerStreamId;
        mtu = b.mtu;
        termLength = b.termLength;
        socketBufferLength = b.socketBufferLength;
        receiverWindowLength = b.receiverWindowLength;
        sparseTermBuffers = b.sparseTermBuffers;
        chunkSize = b.chunkSize;
        stepTimeout = b.stepTimeout;
        pushTimeout = b.pushTimeout;
        connectTimeout = b.connectTimeout;
        sendTimeout = b.sendTimeout;
        replayWindow = b.replayWindow;
        registerResendInterval = b.registerResendInterval;
        abortPolicy = b.abortPolicy;
        idleStrategy = b.idleStrategy;
        driverThreadingMode = b.driverThreadingMode;
        driverIdleStrategy = b.driverIdleStrategy;
        driverDirectoryParent = b.driverDirectoryParent;
        optimizer = b.optimizer;
    }

    /** A builder holding the defaults documented in {@code conf/facetrain.conf}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to derive a variant. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Reads the {@value #SECTION} section of {@code root}; absent keys keep their defaults.
     *
     * @throws IllegalArgumentException naming the key when a value is missing its unit, has the
     *     wrong type or fails validation
     */
    public static ParamServerConfig fromConfig(Config root) {
        Config c = root.hasPath(SECTION) ? root.getConfig(SECTION) : ConfigFactory.empty();
        Builder b = builder();
        try {
            if (c.hasPath("transport")) {
                b.transport(parseEnum(Transport.class, "transport", c.getString("transport")));
            }
            if (c.hasPath("server-host")) {
                b.serverHost(c.getString("server-host"));
            }
            if (c.hasPath("server-port")) {
                b.serverPort(c.getInt("server-port"));
            }
            if (c.hasPath("worker-host")) {
                b.workerHost(c.getString("worker-host"));
            }
            if (c.hasPath("server-stream-id")) {
                b.serverStreamId(c.getInt("server-stream-id"));
            }
            if (c.hasPath("worker-stream-id")) {
                b.workerStreamId(c.getInt("worker-stream-id"));
            }
            if (c.hasPath("mtu")) {
                b.mtu(bytesAsInt(c, "mtu"));
            }
            if (c.hasPath("term-length")) {
                b.termLength(bytesAsInt(c, "term-length"));
            }
            if (c.hasPath("socket-buffer")) {
                b.socketBufferLength(bytesAsInt(c, "socket-buffer"));
            }
            if (c.hasPath("receiver-window")) {
                b.receiverWindowLength(bytesAsInt(c, "receiver-window"));
            }
            if (c.hasPath("sparse-term-buffers")) {
                b.sparseTermBuffers(c.getBoolean("sparse-term-buffers"));
            }
            if (c.hasPath("chunk-size")) {
                b.chunkSize(bytesAsInt(c, "chunk-size"));
            }
            if (c.hasPath("step-timeout")) {
                b.stepTimeout(c.getDuration("step-timeout"));
            }
            if (c.hasPath("push-timeout")) {
                b.pushTimeout(c.getDuration("push-timeout"));
            }
            if (c.hasPath("connect-timeout")) {
                b.connectTimeout(c.getDuration("connect-timeout"));
            }
            if (c.hasPath("send-timeout")) {
                b.sendTimeout(c.getDuration("send-timeout"));
            }
            if (c.hasPath("replay-window")) {
                b.replayWindow(c.getDuration("replay-window"));
            }
            if (c.hasPath("register-resend-interval")) {
                b.registerResendInterval(c.getDuration("register-resend-interval"));
            }
            if (c.hasPath("abort-policy")) {
                b.abortPolicy(parseEnum(AbortPolicy.class, "abort-policy", c.getString("abort-policy")));
            }
            if (c.hasPath("idle-strategy")) {
                b.idleStrategy(parseEnum(IdleStrategyKind.class, "idle-strategy", c.getString("idle-strategy")));
            }
            if (c.hasPath("driver.threading-mode")) {
                b.driverThreadingMode(parseEnum(ThreadingMode.class, "driver.threading-mode",
                        c.getString("driver.threading-mode")));
            }
            if (c.hasPath("driver.idle-strategy")) {
                b.driverIdleStrategy(parseEnum(IdleStrategyKind.class, "driver.idle-strategy",
                        c.getString("driver.idle-strategy")));
            }
            if (c.hasPath("driver.directory-parent")) {
                b.driverDirectoryParent(c.getString("driver.directory-parent"));
            }
            b.optimizer(readOptimizer(c));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(SECTION + ": " + e.getMessage(), e);
        }
        return b.conclude();
    }

    private static OptimizerSpec readOptimizer(Config c) {
        OptimizerSpec defaults = Builder.DEFAULT_OPTIMIZER;
        OptimizerSpec.Type type = c.hasPath("optimizer.type")
                ? parseEnum(OptimizerSpec.Type.class, "optimizer.type", c.getString("optimizer.type"))
                : defaults.type();
        return new OptimizerSpec(type,
                c.hasPath("optimizer.learning-rate") ? c.getDouble("optimizer.learning-rate") : defaults.learningRate(),
                c.hasPath("optimizer.beta1") ? c.getDouble("optimizer.beta1") : defaults.beta1(),
                c.hasPath("optimizer.beta2") ? c.getDouble("optimizer.beta2") : defaults.beta2(),
                c.hasPath("optimizer.epsilon") ? c.getDouble("optimizer.epsilon") : defaults.epsilon(),
                c.hasPath("optimizer.momentum") ? c.getDouble("optimizer.momentum") : defaults.momentum());
    }

    private static int bytesAsInt(Config c, String key) {
        long value = c.getBytes(key);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(SECTION + "." + key + " must be below 2g, got " + value);
        }
        return (int) value;
    }

    /** Parses {@code continue-without-missing} style names into enum constants. */
    static <E extends Enum<E>> E parseEnum(Class<E> type, String key, String value) {
        String normalised = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalised)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(SECTION + "." + key + " must be one of "
                + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()
                + ", got '" + value + "'");
    }

    public Transport transport() {
        return transport;
    }

    /** Host the server binds its UDP endpoint to and advertises to workers. */
    public String serverHost() {
        return serverHost;
    }

    /** UDP port of the server; 0 for an ephemeral port. */
    public int serverPort() {
        return serverPort;
    }

    /** Host a worker binds its (ephemeral) reply endpoint to and advertises to the server. */
    public String workerHost() {
        return workerHost;
    }

    public int serverStreamId() {
        return serverStreamId;
    }

    public int workerStreamId() {
        return workerStreamId;
    }

    /** Aeron MTU in bytes: the largest frame a message is fragmented into. */
    public int mtu() {
        return mtu;
    }

    /** Aeron term length in bytes; the largest message Aeron carries is an eighth of it. */
    public int termLength() {
        return termLength;
    }

    /** SO_SNDBUF / SO_RCVBUF for UDP channels in bytes; 0 keeps the driver's default. */
    public int socketBufferLength() {
        return socketBufferLength;
    }

    /** Receiver window for UDP subscriptions in bytes; 0 keeps the driver's default. */
    public int receiverWindowLength() {
        return receiverWindowLength;
    }

    public boolean sparseTermBuffers() {
        return sparseTermBuffers;
    }

    /** Payload bytes of tensor per message. */
    public int chunkSize() {
        return chunkSize;
    }

    /** Floats of tensor per message. */
    public int chunkElements() {
        return chunkSize / Float.BYTES;
    }

    /** How long the server waits, from the first gradient chunk of a step attempt, for all expected workers. */
    public Duration stepTimeout() {
        return stepTimeout;
    }

    /** How long a worker's push-and-pull waits for the next version before giving up. */
    public Duration pushTimeout() {
        return pushTimeout;
    }

    /** How long connecting (endpoint resolution, registration, a pull) may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long a message may stay undeliverable (peer not connected) before it is dropped. */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /** Control messages older than this (by the sender's clock) are taken as replays. */
    public Duration replayWindow() {
        return replayWindow;
    }

    /** How often a worker repeats an unanswered registration. */
    public Duration registerResendInterval() {
        return registerResendInterval;
    }

    public AbortPolicy abortPolicy() {
        return abortPolicy;
    }

    /** Idle strategy of the server and client agents. */
    public IdleStrategyKind idleStrategy() {
        return idleStrategy;
    }

    public ThreadingMode driverThreadingMode() {
        return driverThreadingMode;
    }

    public IdleStrategyKind driverIdleStrategy() {
        return driverIdleStrategy;
    }

    /** Directory under which an embedded media driver creates its unique directory; empty for the default. */
    public String driverDirectoryParent() {
        return driverDirectoryParent;
    }

    /**
     * The optimiser for every parameter alike ({@link OptimizerSpec#plan}); a server training a
     * network whose parameters need different rules starts from an {@link UpdatePlan} instead.
     */
    public OptimizerSpec optimizer() {
        return optimizer;
    }

    @Override
    public String toString() {
        return "ParamServerConfig[transport=" + transport + ", server=" + serverHost + ":" + serverPort
                + ", workerHost=" + workerHost + ", streams=" + serverStreamId + "/" + workerStreamId
                + ", mtu=" + mtu + ", termLength=" + termLength + ", socketBuffer=" + socketBufferLength
                + ", receiverWindow=" + receiverWindowLength + ", chunkSize=" + chunkSize
                + ", stepTimeout=" + stepTimeout + ", pushTimeout=" + pushTimeout + ", abortPolicy=" + abortPolicy
                + ", driver=" + driverThreadingMode + ", optimizer=" + optimizer + "]";
    }

    /**
     * Mutable, Aeron-style context: set what differs from the defaults, then {@link #conclude()}.
     */
    public static final class Builder {
        static final OptimizerSpec DEFAULT_OPTIMIZER = OptimizerSpec.adam(1e-3);

        private Transport transport = Transport.UDP;
        private String serverHost = "127.0.0.1";
        private int serverPort = 0;
        private String workerHost = "127.0.0.1";
        private int serverStreamId = 4201;
        private int workerStreamId = 4202;
        private int mtu = 32 * 1024;
        private int termLength = 16 * 1024 * 1024;
        private int socketBufferLength = 4 * 1024 * 1024;
        private int receiverWindowLength = 1024 * 1024;
        private boolean sparseTermBuffers = true;
        private int chunkSize = 1024 * 1024;
        private Duration stepTimeout = Duration.ofSeconds(120);
        private Duration pushTimeout = Duration.ofSeconds(180);
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration sendTimeout = Duration.ofSeconds(10);
        private Duration replayWindow = Duration.ofMinutes(10);
        private Duration registerResendInterval = Duration.ofMillis(500);
        private AbortPolicy abortPolicy = AbortPolicy.RESTART_STEP;
        private IdleStrategyKind idleStrategy = IdleStrategyKind.BACKOFF;
        private ThreadingMode driverThreadingMode = ThreadingMode.SHARED;
        private IdleStrategyKind driverIdleStrategy = IdleStrategyKind.BACKOFF;
        private String driverDirectoryParent = "";
        private OptimizerSpec optimizer = DEFAULT_OPTIMIZER;

        private Builder() {
        }

        private Builder(ParamServerConfig c) {
            transport = c.transport;
            serverHost = c.serverHost;
            serverPort = c.serverPort;
            workerHost = c.workerHost;
            serverStreamId = c.serverStreamId;
            workerStreamId = c.workerStreamId;
            mtu = c.mtu;
            termLength = c.termLength;
            socketBufferLength = c.socketBufferLength;
            receiverWindowLength = c.receiverWindowLength;
            sparseTermBuffers = c.sparseTermBuffers;
            chunkSize = c.chunkSize;
            stepTimeout = c.stepTimeout;
            pushTimeout = c.pushTimeout;
            connectTimeout = c.connectTimeout;
            sendTimeout = c.sendTimeout;
            replayWindow = c.replayWindow;
            registerResendInterval = c.registerResendInterval;
            abortPolicy = c.abortPolicy;
            idleStrategy = c.idleStrategy;
            driverThreadingMode = c.driverThreadingMode;
            driverIdleStrategy = c.driverIdleStrategy;
            driverDirectoryParent = c.driverDirectoryParent;
            optimizer = c.optimizer;
        }

        public Builder transport(Transport value) {
            transport = value;
            return this;
        }

        public Builder serverHost(String value) {
            serverHost = value;
            return this;
        }

        public Builder serverPort(int value) {
            serverPort = value;
            return this;
        }

        public Builder workerHost(String value) {
            workerHost = value;
            return this;
        }

        public Builder serverStreamId(int value) {
            serverStreamId = value;
            return this;
        }

        public Builder workerStreamId(int value) {
            workerStreamId = value;
            return this;
        }

        public Builder mtu(int value) {
            mtu = value;
            return this;
        }

        public Builder termLength(int value) {
            termLength = value;
            return this;
        }

        public Builder socketBufferLength(int value) {
            socketBufferLength = value;
            return this;
        }

        public Builder receiverWindowLength(int value) {
            receiverWindowLength = value;
            return this;
        }

        public Builder sparseTermBuffers(boolean value) {
            sparseTermBuffers = value;
            return this;
        }

        public Builder chunkSize(int value) {
            chunkSize = value;
            return this;
        }

        public Builder stepTimeout(Duration value) {
            stepTimeout = value;
            return this;
        }

        public Builder pushTimeout(Duration value) {
            pushTimeout = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder sendTimeout(Duration value) {
            sendTimeout = value;
            return this;
        }

        public Builder replayWindow(Duration value) {
            replayWindow = value;
            return this;
        }

        public Builder registerResendInterval(Duration value) {
            registerResendInterval = value;
            return this;
        }

        public Builder abortPolicy(AbortPolicy value) {
            abortPolicy = value;
            return this;
        }

        public Builder idleStrategy(IdleStrategyKind value) {
            idleStrategy = value;
            return this;
        }

        public Builder driverThreadingMode(ThreadingMode value) {
            driverThreadingMode = value;
            return this;
        }

        public Builder driverIdleStrategy(IdleStrategyKind value) {
            driverIdleStrategy = value;
            return this;
        }

        public Builder driverDirectoryParent(String value) {
            driverDirectoryParent = value;
            return this;
        }

        public Builder optimizer(OptimizerSpec value) {
            optimizer = value;
            return this;
        }

        /**
         * Validates every setting and returns the immutable configuration.
         *
         * @throws IllegalArgumentException naming the first key whose value is invalid and the value
         */
        public ParamServerConfig conclude() {
            require(transport != null, "transport", transport, "must be udp or ipc");
            requireHost("server-host", serverHost);
            requireHost("worker-host", workerHost);
            require(serverPort >= 0 && serverPort <= 65_535, "server-port", serverPort,
                    "must be in 0..65535 (0 = ephemeral)");
            require(serverStreamId != 0, "server-stream-id", serverStreamId, "must not be 0");
            require(workerStreamId != 0, "worker-stream-id", workerStreamId, "must not be 0");
            require(serverStreamId != workerStreamId, "worker-stream-id", workerStreamId,
                    "must differ from server-stream-id");
            require(mtu >= 1024 && mtu <= MAX_MTU && mtu % FrameDescriptor.FRAME_ALIGNMENT == 0, "mtu", mtu,
                    "must be a multiple of " + FrameDescriptor.FRAME_ALIGNMENT + " in 1024.." + MAX_MTU);
            require(BitUtil.isPowerOfTwo(termLength) && termLength >= 64 * 1024 && termLength <= 1 << 30,
                    "term-length", termLength, "must be a power of two in 64k..1g");
            require(socketBufferLength >= 0, "socket-buffer", socketBufferLength, "must be >= 0 (0 = OS default)");
            require(receiverWindowLength == 0 || receiverWindowLength >= mtu, "receiver-window", receiverWindowLength,
                    "must be 0 (driver default) or at least mtu (" + mtu + ")");
            require(receiverWindowLength <= termLength / 2, "receiver-window", receiverWindowLength,
                    "must be at most half the term-length (" + termLength / 2 + ")");
            require(socketBufferLength == 0 || receiverWindowLength <= socketBufferLength, "receiver-window",
                    receiverWindowLength, "must not exceed socket-buffer (" + socketBufferLength
                            + "): Aeron refuses a window larger than SO_RCVBUF");
            require(chunkSize >= Float.BYTES && chunkSize % Float.BYTES == 0, "chunk-size", chunkSize,
                    "must be a positive multiple of 4 bytes (whole floats)");
            int maxMessage = FrameDescriptor.computeMaxMessageLength(termLength);
            int chunkMessage = TensorPayload.maxMessageLength(chunkSize / Float.BYTES);
            require(termLength >= 4L * chunkSize && chunkMessage <= maxMessage, "chunk-size", chunkSize,
                    "needs messages of " + chunkMessage + " bytes but term-length " + termLength
                            + " carries at most " + maxMessage
                            + " (term-length/8); lower chunk-size or raise term-length");
            requirePositive("step-timeout", stepTimeout);
            requirePositive("push-timeout", pushTimeout);
            requirePositive("connect-timeout", connectTimeout);
            requirePositive("send-timeout", sendTimeout);
            requirePositive("replay-window", replayWindow);
            requirePositive("register-resend-interval", registerResendInterval);
            require(pushTimeout.compareTo(stepTimeout) > 0, "push-timeout", pushTimeout,
                    "must exceed step-timeout (" + stepTimeout
                            + ") so workers learn of aborted steps before giving up");
            require(abortPolicy != null, "abort-policy", abortPolicy,
                    "must be continue-without-missing or restart-step");
            require(idleStrategy != null, "idle-strategy", idleStrategy, "must be set");
            require(driverThreadingMode != null && driverThreadingMode != ThreadingMode.INVOKER,
                    "driver.threading-mode", driverThreadingMode, "must be shared, shared-network or dedicated");
            require(driverIdleStrategy != null, "driver.idle-strategy", driverIdleStrategy, "must be set");
            require(driverDirectoryParent != null, "driver.directory-parent", driverDirectoryParent,
                    "must be a path or empty");
            require(optimizer != null, "optimizer", optimizer, "must be set");
            return new ParamServerConfig(this);
        }

        private static void requireHost(String key, String host) {
            require(host != null && !host.isBlank() && host.chars().noneMatch(ch -> ch == '|' || ch == '?'
                    || ch == '=' || Character.isWhitespace(ch)), key, host, "must be a host name or IP address");
            require(!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]"), key, host,
                    "must be an address peers can reach, not a wildcard");
        }

        private static void requirePositive(String key, Duration value) {
            require(value != null && !value.isNegative() && !value.isZero(), key, value, "must be > 0");
        }

        private static void require(boolean condition, String key, Object value, String rule) {
            if (!condition) {
                throw new IllegalArgumentException(SECTION + "." + key + " " + rule + ", got " + value);
            }
        }
    }
}
