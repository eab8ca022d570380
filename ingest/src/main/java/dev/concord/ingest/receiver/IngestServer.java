package dev.concord.ingest.receiver;

import dev.concord.ingest.decode.DecodeLimits;
import dev.concord.ingest.decode.OtlpDecoder;
import dev.concord.ingest.receiver.grpc.OtlpGrpcReceiver;
import dev.concord.ingest.receiver.http.OtlpHttpReceiver;
import dev.concord.ingest.sink.CompositeSink;
import dev.concord.ingest.sink.FileSink;
import dev.concord.ingest.sink.KafkaSink;
import dev.concord.ingest.sink.TelemetrySink;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code concord ingest}: the receivers and sinks wired from {@link IngestSettings}. */
public final class IngestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);

    private final TelemetrySink sink;
    private final OtlpHttpReceiver http;
    private final AutoCloseable grpc;
    private final int grpcPort;

    private IngestServer(TelemetrySink sink, OtlpHttpReceiver http, AutoCloseable grpc, int grpcPort) {
        this.sink = sink;
        this.http = http;
        this.grpc = grpc;
        this.grpcPort = grpcPort;
    }

    public static IngestServer start(IngestSettings settings) {
        Authenticator authenticator = settings.tokensFile()
                .map(file ->
                        Authenticator.fromTokensFile(file, settings.clock(), Authenticator.DEFAULT_RELOAD_INTERVAL))
                .orElseGet(Authenticator::insecureNoAuth);
        if (!authenticator.enabled()) {
            LOG.warn("Running WITHOUT authentication (--insecure-no-auth): anyone who reaches the ports can send "
                    + "telemetry for any tenant");
        }
        TelemetrySink sink = sink(settings);
        Admission admission = new Admission(settings.queueCapacity());
        ReceiverMetrics metrics = new ReceiverMetrics(new PrometheusRegistry(), admission);
        Ingestor ingestor = new Ingestor(
                new OtlpDecoder(settings.clock(), DecodeLimits.defaults()), sink, metrics, settings.sinkTimeout());
        OtlpHttpReceiver.Builder httpBuilder = OtlpHttpReceiver.builder(ingestor, authenticator, admission, metrics)
                .bindAddress(settings.bindAddress())
                .port(settings.httpPort())
                .maxBodyBytes(settings.maxBodyBytes())
                .readTimeout(settings.readTimeout())
                .headerTimeout(settings.headerTimeout());
        settings.tls().ifPresent(files -> httpBuilder.tls(files.sslContext()));
        OtlpHttpReceiver http = httpBuilder.start();
        LOG.info(
                "OTLP/HTTP{} listening on {}:{}",
                settings.tls().isPresent() ? "S" : "",
                settings.bindAddress(),
                http.port());
        if (settings.grpcPort() < 0) {
            return new IngestServer(sink, http, () -> {}, -1);
        }
        OtlpGrpcReceiver grpc = OtlpGrpcReceiver.start(
                settings.bindAddress(),
                settings.grpcPort(),
                settings.maxBodyBytes(),
                OtlpHttpReceiver.DEFAULT_THREADS,
                OtlpHttpReceiver.DEFAULT_RETRY_AFTER,
                ingestor,
                authenticator,
                admission,
                metrics,
                settings.tls());
        LOG.info("OTLP/gRPC listening on {}:{}", settings.bindAddress(), grpc.port());
        return new IngestServer(sink, http, grpc, grpc.port());
    }

    private static TelemetrySink sink(IngestSettings settings) {
        List<TelemetrySink> sinks = new ArrayList<>();
        settings.kafkaBootstrap().ifPresent(bootstrap -> sinks.add(KafkaSink.connect(bootstrap, settings.topics())));
        settings.outDirectory().ifPresent(dir -> sinks.add(new FileSink(dir, settings.gzipFiles())));
        return sinks.size() == 1 ? sinks.get(0) : new CompositeSink(sinks);
    }

    public int httpPort() {
        return http.port();
    }

    /** The gRPC port bound, empty when gRPC is off. */
    public OptionalInt grpcPort() {
        return grpcPort < 0 ? OptionalInt.empty() : OptionalInt.of(grpcPort);
    }

    @Override
    public void close() {
        http.close();
        try {
            grpc.close();
        } catch (Exception e) {
            LOG.debug("gRPC receiver did not close cleanly: {}", e.toString());
        }
        sink.close();
    }
}
