package dev.concord.ingest.receiver;

import dev.concord.ingest.receiver.http.OtlpHttpReceiver;
import dev.concord.ingest.sink.KafkaTopics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code concord ingest} can be told, with defaults. {@link Builder#build()} refuses a configuration that
 * could not work: no sink, or neither a tokens file nor an explicit {@code --insecure-no-auth}.
 */
public final class IngestSettings {

    public static final int DEFAULT_GRPC_PORT = 4317;
    /** Bounds memory: at most this many requests of at most the body limit are held at once. */
    public static final int DEFAULT_QUEUE_CAPACITY = 16;

    public static final Duration DEFAULT_SINK_TIMEOUT = Duration.ofSeconds(10);

    private final String bindAddress;
    private final int httpPort;
    private final int grpcPort;
    private final Optional<String> kafkaBootstrap;
    private final KafkaTopics topics;
    private final Optional<Path> outDirectory;
    private final boolean gzipFiles;
    private final Optional<Path> tokensFile;
    private final boolean insecureNoAuth;
    private final int maxBodyBytes;
    private final int queueCapacity;
    private final Duration sinkTimeout;
    private final Duration readTimeout;
    private final Duration headerTimeout;
    private final Optional<TlsIdentity> tls;
    private final Clock clock;

    private IngestSettings(Builder b) {
        this.bindAddress = b.bindAddress;
        this.httpPort = b.httpPort;
        this.grpcPort = b.grpcPort;
        this.kafkaBootstrap = b.kafkaBootstrap;
        this.topics = b.topics;
        this.outDirectory = b.outDirectory;
        this.gzipFiles = b.gzipFiles;
        this.tokensFile = b.tokensFile;
        this.insecureNoAuth = b.insecureNoAuth;
        this.maxBodyBytes = b.maxBodyBytes;
        this.queueCapacity = b.queueCapacity;
        this.sinkTimeout = b.sinkTimeout;
        this.readTimeout = b.readTimeout;
        this.headerTimeout = b.headerTimeout;
        this.tls = b.tls;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The gRPC port; negative when gRPC is off. */
    public int grpcPort() {
        return grpcPort;
    }

    public Optional<String> kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public KafkaTopics topics() {
        return topics;
    }

    public Optional<Path> outDirectory() {
        return outDirectory;
    }

    public boolean gzipFiles() {
        return gzipFiles;
    }

    public Optional<Path> tokensFile() {
        return tokensFile;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    public Duration sinkTimeout() {
        return sinkTimeout;
    }

    /** How long an HTTP request body may take to arrive before the connection is dropped. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** How long the request line and headers of an HTTP request may take to arrive. */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /** The certificate and key both receivers serve TLS with; empty for plain HTTP and gRPC. */
    public Optional<TlsIdentity> tls() {
        return tls;
    }

    public Clock clock() {
        return clock;
    }

    /** Builds {@link IngestSettings}. */
    public static final class Builder {
        private String bindAddress = OtlpHttpReceiver.DEFAULT_BIND_ADDRESS;
        private int httpPort = OtlpHttpReceiver.DEFAULT_PORT;
        private int grpcPort = DEFAULT_GRPC_PORT;
        private Optional<String> kafkaBootstrap = Optional.empty();
        private KafkaTopics topics = KafkaTopics.DEFAULTS;
        private Optional<Path> outDirectory = Optional.empty();
        private boolean gzipFiles;
        private Optional<Path> tokensFile = Optional.empty();
        private boolean insecureNoAuth;
        private int maxBodyBytes = OtlpHttpReceiver.DEFAULT_MAX_BODY_BYTES;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private Duration sinkTimeout = DEFAULT_SINK_TIMEOUT;
        private Duration readTimeout = OtlpHttpReceiver.DEFAULT_READ_TIMEOUT;
        private Duration headerTimeout = OtlpHttpReceiver.DEFAULT_HEADER_TIMEOUT;
        private Optional<TlsIdentity> tls = Optional.empty();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder bindAddress(String value) {
            this.bindAddress = Objects.requireNonNull(value, "bindAddress");
            return this;
        }

        public Builder httpPort(int value) {
            this.httpPort = port(value, "http port");
            return this;
        }

        /** A negative port turns gRPC off. */
        public Builder grpcPort(int value) {
            this.grpcPort = value < 0 ? -1 : port(value, "grpc port");
            return this;
        }

        public Builder kafka(String bootstrapServers) {
            if (bootstrapServers == null || !bootstrapServers.contains(":")) {
                throw new IllegalArgumentException("kafka must be HOST:PORT, got " + bootstrapServers);
            }
            this.kafkaBootstrap = Optional.of(bootstrapServers);
            return this;
        }

        public Builder topics(KafkaTopics value) {
            this.topics = Objects.requireNonNull(value, "topics");
            return this;
        }

        public Builder out(Path directory) {
            this.outDirectory = Optional.of(Objects.requireNonNull(directory, "out"));
            return this;
        }

        public Builder gzipFiles(boolean value) {
            this.gzipFiles = value;
            return this;
        }

        public Builder tokens(Path file) {
            this.tokensFile = Optional.of(Objects.requireNonNull(file, "tokens"));
            return this;
        }

        public Builder insecureNoAuth(boolean value) {
            this.insecureNoAuth = value;
            return this;
        }

        public Builder maxBodyBytes(int value) {
            if (value < 1024) {
                throw new IllegalArgumentException("max body bytes must be at least 1024, got " + value);
            }
            this.maxBodyBytes = value;
            return this;
        }

        public Builder queueCapacity(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("queue capacity must be at least 1, got " + value);
            }
            this.queueCapacity = value;
            return this;
        }

        public Builder sinkTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("sink timeout must be positive, got " + value);
            }
            this.sinkTimeout = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("read timeout must be positive, got " + value);
            }
            this.readTimeout = value;
            return this;
        }

        public Builder headerTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("header timeout must be positive, got " + value);
            }
            this.headerTimeout = value;
            return this;
        }

        /** TLS on both ports from PEM files; both must be readable now, not at the first connection. */
        public Builder tls(Path certificate, Path privateKey) {
            for (Path file : new Path[] {certificate, privateKey}) {
                if (file == null || !java.nio.file.Files.isReadable(file)) {
                    throw new IllegalArgumentException("cannot read TLS file " + file);
                }
            }
            this.tls = Optional.of(new TlsFiles(certificate, privateKey));
            return this;
        }

        /** TLS on both ports from a PKCS#12 keystore and the file holding its password, both readable now. */
        public Builder tlsKeystore(Path keystore, Path passwordFile) {
            for (Path file : new Path[] {keystore, passwordFile}) {
                if (file == null || !java.nio.file.Files.isReadable(file)) {
                    throw new IllegalArgumentException("cannot read TLS file " + file);
                }
            }
            this.tls = Optional.of(new TlsKeystore(keystore, passwordFile));
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public IngestSettings build() {
            if (kafkaBootstrap.isEmpty() && outDirectory.isEmpty()) {
                throw new IllegalArgumentException("no sink: give --kafka HOST:PORT, --out DIR, or both");
            }
            if (tokensFile.isPresent() == insecureNoAuth) {
                throw new IllegalArgumentException(
                        "give exactly one of --tokens FILE and --insecure-no-auth (running without tokens must be explicit)");
            }
            return new IngestSettings(this);
        }

        private static int port(int value, String what) {
            if (value > 65535) {
                throw new IllegalArgumentException(what + " must be 0..65535, got " + value);
            }
            return value;
        }
    }
}
