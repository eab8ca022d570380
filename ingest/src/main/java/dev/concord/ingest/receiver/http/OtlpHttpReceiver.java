package dev.concord.ingest.receiver.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.receiver.Admission;
import dev.concord.ingest.receiver.Authenticator;
import dev.concord.ingest.receiver.Ingestor;
import dev.concord.ingest.receiver.ReceiverMetrics;
import dev.concord.ingest.receiver.probe.ProbeJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * OTLP/HTTP on the JDK's own HTTP server (no extra dependency; its blocking model is enough because the queue in
 * {@link Admission} bounds the work in flight): {@code /v1/traces}, {@code /v1/logs}, {@code /v1/metrics},
 * {@code /v1/probes}, {@code /healthz}, {@code /readyz}, {@code /metrics}.
 */
public final class OtlpHttpReceiver implements AutoCloseable {

    public static final int DEFAULT_PORT = 4318;
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final int DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    public static final int DEFAULT_THREADS = 8;
    /**
     * How long a request body may take to arrive. Generous for a 20 MiB body on a slow link, short enough that clients
     * which stall cannot hold every worker and queue slot for long.
     */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long the request line and headers may take to arrive. A few hundred bytes: any live client sends them in
     * well under a second, while a slow-loris client that trickles them holds a worker until cut off.
     */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** Connections waiting for a worker beyond this are served by the accepting thread itself: backpressure. */
    private static final int WORKER_BACKLOG = 64;

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final ReadDeadlines readDeadlines;
    private final HeaderDeadlines headerDeadlines;

    private OtlpHttpReceiver(
            HttpServer server,
            ThreadPoolExecutor workers,
            ReadDeadlines readDeadlines,
            HeaderDeadlines headerDeadlines) {
        this.server = server;
        this.workers = workers;
        this.readDeadlines = readDeadlines;
        this.headerDeadlines = headerDeadlines;
    }

    public static Builder builder(
            Ingestor ingestor, Authenticator authenticator, Admission admission, ReceiverMetrics metrics) {
        return new Builder(ingestor, authenticator, admission, metrics);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        readDeadlines.close();
        headerDeadlines.close();
    }

    /** Builds and starts an {@link OtlpHttpReceiver}. */
    public static final class Builder {
        private final Ingestor ingestor;
        private final Authenticator authenticator;
        private final Admission admission;
        private final ReceiverMetrics metrics;
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int port = DEFAULT_PORT;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration retryAfter = DEFAULT_RETRY_AFTER;
        private int threads = DEFAULT_THREADS;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
        private SSLContext tls;
        private ProbeJson probes = ProbeJson.withRandomIds();

        private Builder(Ingestor ingestor, Authenticator authenticator, Admission admission, ReceiverMetrics metrics) {
            this.ingestor = Objects.requireNonNull(ingestor, "ingestor");
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
            this.admission = Objects.requireNonNull(admission, "admission");
            this.metrics = Objects.requireNonNull(metrics, "metrics");
        }

        public Builder bindAddress(String value) {
            this.bindAddress = Objects.requireNonNull(value, "bindAddress");
            return this;
        }

        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + value);
            }
            this.port = value;
            return this;
        }

        public Builder maxBodyBytes(int value) {
            if (value < 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + value);
            }
            this.maxBodyBytes = value;
            return this;
        }

        public Builder retryAfter(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("retryAfter must be positive, got " + value);
            }
            this.retryAfter = value;
            return this;
        }

        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + value);
            }
            this.threads = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("readTimeout must be positive, got " + value);
            }
            this.readTimeout = value;
            return this;
        }

        public Builder headerTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("headerTimeout must be positive, got " + value);
            }
            this.headerTimeout = value;
            return this;
        }

        /** Serves HTTPS instead of HTTP. */
        public Builder tls(SSLContext value) {
            this.tls = Objects.requireNonNull(value, "tls");
            return this;
        }

        public Builder probes(ProbeJson value) {
            this.probes = Objects.requireNonNull(value, "probes");
            return this;
        }

        public OtlpHttpReceiver start() {
            HttpContextSettings settings = new HttpContextSettings(
                    ingestor,
                    authenticator,
                    admission,
                    metrics,
                    maxBodyBytes,
                    Long.toString(Math.max(1, retryAfter.toSeconds())),
                    new ReadDeadlines(readTimeout));
            HttpServer server;
            try {
                InetSocketAddress address = new InetSocketAddress(bindAddress, port);
                if (tls == null) {
                    server = HttpServer.create(address, WORKER_BACKLOG);
                } else {
                    HttpsServer https = HttpsServer.create(address, WORKER_BACKLOG);
                    https.setHttpsConfigurator(new HttpsConfigurator(tls));
                    server = https;
                }
            } catch (IOException e) {
                settings.readDeadlines().close();
                throw new UncheckedIOException("cannot listen on " + bindAddress + ":" + port, e);
            }
            HeaderDeadlines headerDeadlines = new HeaderDeadlines(headerTimeout, metrics::headerTimedOut);
            List<HttpContext> contexts = new ArrayList<>();
            for (OtlpSignal signal : OtlpSignal.values()) {
                contexts.add(server.createContext(signal.httpPath(), new ExportHandler(signal, settings)));
            }
            contexts.add(server.createContext("/v1/probes", new ProbesHandler(settings, probes)));
            contexts.add(server.createContext("/healthz", exchange -> {
                Exchanges.sendText(exchange, 200, "ok\n");
                exchange.close();
            }));
            contexts.add(server.createContext("/readyz", exchange -> {
                boolean ready = ingestor.ready();
                Exchanges.sendText(exchange, ready ? 200 : 503, ready ? "ready\n" : "sink not ready\n");
                exchange.close();
            }));
            contexts.add(server.createContext("/metrics", new MetricsHandler(metrics.registry())));
            for (HttpContext context : contexts) {
                context.getFilters().add(headerDeadlines.filter());
            }
            AtomicInteger number = new AtomicInteger();
            ThreadPoolExecutor workers = new ThreadPoolExecutor(
                    threads,
                    threads,
                    0,
                    TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(WORKER_BACKLOG),
                    runnable -> {
                        Thread thread = new Thread(runnable, "otlp-http-" + number.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    },
                    new ThreadPoolExecutor.CallerRunsPolicy());
            server.setExecutor(headerDeadlines.around(workers));
            server.start();
            return new OtlpHttpReceiver(server, workers, settings.readDeadlines(), headerDeadlines);
        }
    }
}
