package dev.concord.outputs.prometheus;

import dev.concord.engine.sinks.PortBinding;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Concord's metrics on {@code /metrics} for Prometheus to scrape. It must run as one subtask (see
 * {@link PrometheusExporter}): that is what makes every series exist exactly once, whatever the job's parallelism
 * and however many TaskManagers run it. A second subtask refuses to start.
 */
public final class PrometheusExporterSink implements Sink<MetricUpdate> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusExporterSink.class);

    private final PrometheusExporterConfig config;

    public PrometheusExporterSink(PrometheusExporterConfig config) {
        this.config = config;
    }

    @Override
    public SinkWriter<MetricUpdate> createWriter(WriterInitContext context) throws IOException {
        int subtasks = context.getTaskInfo().getNumberOfParallelSubtasks();
        if (subtasks != 1) {
            throw new IllegalStateException("the Prometheus exporter must run at parallelism 1, not " + subtasks
                    + ": each subtask would expose its own copy of the series");
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        ConcordMetrics metrics = new ConcordMetrics(registry, Clock.systemUTC());
        HTTPServer server;
        try {
            server = bind(registry);
        } catch (IOException e) {
            if (!config.optional()) {
                throw e;
            }
            LOG.warn("Prometheus exporter off: {}", e.getMessage());
            server = null;
        }
        return new Writer(metrics, server);
    }

    private HTTPServer bind(PrometheusRegistry registry) throws IOException {
        return PortBinding.retrying(
                "Prometheus exporter",
                config.port(),
                config.bindTimeout(),
                () -> HTTPServer.builder()
                        .hostname(config.host())
                        .port(config.port())
                        .registry(registry)
                        .buildAndStart());
    }

    private final class Writer implements SinkWriter<MetricUpdate> {
        private final ConcordMetrics metrics;
        /** null when an optional port was busy. */
        private final HTTPServer server;

        Writer(ConcordMetrics metrics, HTTPServer server) {
            this.metrics = metrics;
            this.server = server;
        }

        @Override
        public void write(MetricUpdate element, Context context) {
            metrics.apply(element);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            // an optional exporter nobody scraped during the run is likely watched by nobody: don't hold the run up.
            // A required one was configured for a scraper, which may simply not have come round yet on a short run.
            boolean watched = metrics.scrapes() > 0 || !config.optional();
            if (endOfInput && config.scrapesAfterEnd() > 0 && server != null && watched) {
                awaitScrapes();
            }
        }

        /** A bounded replay ends: keep serving until Prometheus has seen the final values (or the wait runs out). */
        private void awaitScrapes() throws IOException {
            long target = metrics.scrapes() + config.scrapesAfterEnd();
            long deadline = System.nanoTime() + config.maxWaitAfterEnd().toNanos();
            while (metrics.scrapes() < target && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(Duration.ofMillis(50).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for scrapes", e);
                }
            }
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
