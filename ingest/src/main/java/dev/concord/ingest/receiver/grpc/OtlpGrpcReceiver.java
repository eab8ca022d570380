package dev.concord.ingest.receiver.grpc;

import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.receiver.Admission;
import dev.concord.ingest.receiver.Authenticator;
import dev.concord.ingest.receiver.Ingestor;
import dev.concord.ingest.receiver.ReceiverMetrics;
import dev.concord.ingest.receiver.TlsIdentity;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * OTLP/gRPC with grpc-java: the three OTLP services, bearer tokens from the {@code authorization} metadata, messages
 * limited to the same size as HTTP bodies (after decompression), the same bounded queue.
 */
public final class OtlpGrpcReceiver implements AutoCloseable {

    private final Server server;
    private final ExecutorService executor;

    private OtlpGrpcReceiver(Server server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static OtlpGrpcReceiver start(
            String bindAddress,
            int port,
            int maxMessageBytes,
            int threads,
            Duration retryAfter,
            Ingestor ingestor,
            Authenticator authenticator,
            Admission admission,
            ReceiverMetrics metrics,
            Optional<TlsIdentity> tls) {
        GrpcExports exports = new GrpcExports(ingestor, admission, metrics, retryAfter);
        BearerInterceptor auth = new BearerInterceptor(authenticator);
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "otlp-grpc");
            thread.setDaemon(true);
            return thread;
        });
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(bindAddress, port));
        tls.ifPresent(files -> builder.sslContext(serverTls(files)));
        Server server = builder.maxInboundMessageSize(maxMessageBytes)
                .executor(executor)
                .addService(ServerInterceptors.intercept(
                        new TraceServiceGrpc.TraceServiceImplBase() {
                            @Override
                            public void export(
                                    ExportTraceServiceRequest request,
                                    StreamObserver<ExportTraceServiceResponse> responses) {
                                exports.export(OtlpSignal.TRACES, request, responses);
                            }
                        },
                        auth))
                .addService(ServerInterceptors.intercept(
                        new LogsServiceGrpc.LogsServiceImplBase() {
                            @Override
                            public void export(
                                    ExportLogsServiceRequest request,
                                    StreamObserver<ExportLogsServiceResponse> responses) {
                                exports.export(OtlpSignal.LOGS, request, responses);
                            }
                        },
                        auth))
                .addService(ServerInterceptors.intercept(
                        new MetricsServiceGrpc.MetricsServiceImplBase() {
                            @Override
                            public void export(
                                    ExportMetricsServiceRequest request,
                                    StreamObserver<ExportMetricsServiceResponse> responses) {
                                exports.export(OtlpSignal.METRICS, request, responses);
                            }
                        },
                        auth))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + bindAddress + ":" + port, e);
        }
        return new OtlpGrpcReceiver(server, executor);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
        executor.shutdownNow();
    }

    private static SslContext serverTls(TlsIdentity files) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forServer(files.keyManagers()))
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot set up TLS for gRPC: " + e.getMessage(), e);
        }
    }
}
