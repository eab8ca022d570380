package dev.concord.cli;

import dev.concord.ingest.receiver.IngestServer;
import dev.concord.ingest.receiver.IngestSettings;
import dev.concord.ingest.sink.KafkaTopics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code concord ingest}: flags (or a YAML or properties file with the same names) to {@link IngestSettings}. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        versionProvider = ConcordVersion.class,
        description = "Receive OTLP (HTTP on 4318, protobuf and JSON) and probe results, and write them to Kafka in "
                + "the OpenTelemetry Collector's layout and/or to OTLP JSON-lines files. Runs until stopped.")
final class IngestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--config",
            description = "YAML file (or .properties); keys are the long option names without the dashes "
                    + "(http-port: 4318, kafka: host:9092, tokens: /etc/concord/tokens, ...). Flags override it.")
    private Path config;

    @Option(names = "--bind", description = "Address to listen on (default: 0.0.0.0).")
    private String bind;

    @Option(names = "--http-port", description = "OTLP/HTTP port (default: 4318; 0 picks a free one).")
    private Integer httpPort;

    @Option(names = "--grpc-port", description = "OTLP/gRPC port (default: 4317; -1 turns gRPC off).")
    private Integer grpcPort;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    private String kafka;

    @Option(names = "--topic-spans", description = "Spans topic (default: otlp_spans).")
    private String topicSpans;

    @Option(names = "--topic-logs", description = "Logs topic (default: otlp_logs).")
    private String topicLogs;

    @Option(names = "--topic-metrics", description = "Metrics topic (default: otlp_metrics).")
    private String topicMetrics;

    @Option(names = "--out", paramLabel = "DIR", description = "Write OTLP JSON lines per signal into DIR.")
    private Path out;

    @Option(names = "--gzip", description = "Gzip the files written with --out.")
    private Boolean gzip;

    @Option(names = "--tokens", paramLabel = "FILE", description = "Bearer tokens file: 'TENANT sha256:HEX' lines.")
    private Path tokens;

    @Option(names = "--insecure-no-auth", description = "Accept requests without a token (development only).")
    private Boolean insecureNoAuth;

    @Option(names = "--max-body-bytes", description = "Largest request body after decompression (default: 20 MiB).")
    private Integer maxBodyBytes;

    @Option(names = "--queue-capacity", description = "Requests in flight before 429 (default: 16).")
    private Integer queueCapacity;

    @Option(
            names = "--read-timeout-seconds",
            description = "Seconds a request body may take to arrive before the connection is dropped (default: 30).")
    private Integer readTimeoutSeconds;

    @Option(
            names = "--header-timeout-seconds",
            description = "Seconds the request line and headers may take to arrive before the connection is dropped"
                    + " (default: 10).")
    private Integer headerTimeoutSeconds;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain: TLS on both ports.")
    private Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "PEM private key (unencrypted PKCS#8) of --tls-cert.")
    private Path tlsKey;

    @Option(
            names = "--tls-keystore",
            paramLabel = "FILE",
            description = "PKCS#12 keystore with the key and chain: TLS on both ports (instead of --tls-cert).")
    private Path tlsKeystore;

    @Option(
            names = "--tls-keystore-password-file",
            paramLabel = "FILE",
            description = "File holding the password of --tls-keystore (and of its key).")
    private Path tlsKeystorePasswordFile;

    @Override
    public Integer call() throws Exception {
        IngestSettings settings;
        try {
            settings = settings(IngestConfigFile.read(config));
        } catch (IllegalArgumentException | IOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        IngestServer started;
        try {
            started = IngestServer.start(settings);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (IngestServer server = started) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "concord-ingest-shutdown"));
            spec.commandLine()
                    .getOut()
                    .printf(
                            "concord ingest: OTLP/HTTP on %s:%d%s%n",
                            settings.bindAddress(),
                            server.httpPort(),
                            server.grpcPort().isPresent()
                                    ? ", OTLP/gRPC on port " + server.grpcPort().getAsInt()
                                    : "");
            if (settings.tokensFile().isEmpty()) {
                // said here as well as in the log: the CLI logs only errors by default
                spec.commandLine()
                        .getErr()
                        .println("WARNING: running WITHOUT authentication (--insecure-no-auth): anyone who reaches "
                                + "the ports can send telemetry for any tenant");
                spec.commandLine().getErr().flush();
            }
            spec.commandLine().getOut().flush();
            stopped.await();
        }
        return 0;
    }

    private IngestSettings settings(Map<String, String> file) {
        IngestSettings.Builder builder = IngestSettings.builder();
        String value;
        if ((value = pick(bind, file, "bind")) != null) {
            builder.bindAddress(value);
        }
        if ((value = pick(httpPort, file, "http-port")) != null) {
            builder.httpPort(Integer.parseInt(value));
        }
        if ((value = pick(grpcPort, file, "grpc-port")) != null) {
            builder.grpcPort(Integer.parseInt(value));
        }
        if ((value = pick(kafka, file, "kafka")) != null) {
            builder.kafka(value);
        }
        builder.topics(new KafkaTopics(
                orDefault(pick(topicSpans, file, "topic-spans"), KafkaTopics.DEFAULTS.spans()),
                orDefault(pick(topicLogs, file, "topic-logs"), KafkaTopics.DEFAULTS.logs()),
                orDefault(pick(topicMetrics, file, "topic-metrics"), KafkaTopics.DEFAULTS.metrics())));
        if ((value = pick(out, file, "out")) != null) {
            builder.out(Path.of(value));
        }
        builder.gzipFiles(Boolean.parseBoolean(pick(gzip, file, "gzip")));
        if ((value = pick(tokens, file, "tokens")) != null) {
            builder.tokens(Path.of(value));
        }
        builder.insecureNoAuth(Boolean.parseBoolean(pick(insecureNoAuth, file, "insecure-no-auth")));
        if ((value = pick(maxBodyBytes, file, "max-body-bytes")) != null) {
            builder.maxBodyBytes(Integer.parseInt(value));
        }
        if ((value = pick(queueCapacity, file, "queue-capacity")) != null) {
            builder.queueCapacity(Integer.parseInt(value));
        }
        if ((value = pick(readTimeoutSeconds, file, "read-timeout-seconds")) != null) {
            builder.readTimeout(Duration.ofSeconds(Long.parseLong(value)));
        }
        if ((value = pick(headerTimeoutSeconds, file, "header-timeout-seconds")) != null) {
            builder.headerTimeout(Duration.ofSeconds(Long.parseLong(value)));
        }
        String cert = pick(tlsCert, file, "tls-cert");
        String key = pick(tlsKey, file, "tls-key");
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("give both --tls-cert and --tls-key, or neither");
        }
        if (cert != null) {
            builder.tls(Path.of(cert), Path.of(key));
        }
        String keystore = pick(tlsKeystore, file, "tls-keystore");
        String keystorePassword = pick(tlsKeystorePasswordFile, file, "tls-keystore-password-file");
        if ((keystore == null) != (keystorePassword == null)) {
            throw new IllegalArgumentException("give both --tls-keystore and --tls-keystore-password-file, or neither");
        }
        if (keystore != null) {
            if (cert != null) {
                throw new IllegalArgumentException("give --tls-cert and --tls-key, or --tls-keystore, not both");
            }
            builder.tlsKeystore(Path.of(keystore), Path.of(keystorePassword));
        }
        return builder.build();
    }

    private static String pick(Object flag, Map<String, String> file, String key) {
        return flag != null ? flag.toString() : file.get(key);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
