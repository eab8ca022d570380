package dev.concord.jobs.alerts;

import dev.concord.alerting.Alert;
import dev.concord.alerting.AlertmanagerClient;
import dev.concord.alerting.AlertmanagerConfig;
import dev.concord.jobs.Conventions;
import dev.concord.jobs.slo.SloAlert;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SLO burn-rate alerts to Alertmanager: a firing alert is re-sent every resend interval until it resolves.
 * Sending never blocks the job: the client queues (bounded, drops counted) and posts from its own thread. Active
 * alerts live in the writer's memory only: after a restore they go quiet until the evaluator changes them, and
 * Alertmanager resolves them after its resolve_timeout (see README, "Alerts").
 */
public final class AlertmanagerSink implements Sink<SloAlert> {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_DASHBOARD_BASE_URL = "http://localhost:3000";
    public static final String DEFAULT_RUNBOOK_URL =
            "https://github.com/concord-dev/concord/blob/main/README.md#alerts";
    public static final String DEFAULT_GENERATOR_URL = "http://localhost:8081/#/overview";

    private final AlertmanagerConfig config;
    private final String dashboardBaseUrl;
    private final String runbookUrl;
    private final String generatorUrl;

    public AlertmanagerSink(AlertmanagerConfig config) {
        this(config, DEFAULT_DASHBOARD_BASE_URL, DEFAULT_RUNBOOK_URL, DEFAULT_GENERATOR_URL);
    }

    public AlertmanagerSink(
            AlertmanagerConfig config, String dashboardBaseUrl, String defaultRunbookUrl, String generatorUrl) {
        this.config = Objects.requireNonNull(config, "config");
        this.dashboardBaseUrl = Objects.requireNonNull(dashboardBaseUrl, "dashboardBaseUrl");
        this.runbookUrl = Objects.requireNonNull(defaultRunbookUrl, "defaultRunbookUrl");
        this.generatorUrl = Objects.requireNonNull(generatorUrl, "generatorUrl");
    }

    @Override
    public SinkWriter<SloAlert> createWriter(WriterInitContext context) throws IOException {
        AlertmanagerClient client = new AlertmanagerClient(config, Clock.systemUTC()).start();
        context.metricGroup().gauge(Conventions.METRIC_ALERTMANAGER_DROPPED, client::dropped);
        context.metricGroup().gauge(Conventions.METRIC_ALERTMANAGER_QUEUED, client::queued);
        return new Writer(client, context.metricGroup().counter(Conventions.METRIC_ALERTMANAGER_BAD_ALERTS));
    }

    private final class Writer implements SinkWriter<SloAlert> {
        private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerSink.class);

        private final AlertmanagerClient client;
        private final Counter badAlerts;

        Writer(AlertmanagerClient client, Counter badAlerts) {
            this.client = client;
            this.badAlerts = badAlerts;
        }

        @Override
        public void write(SloAlert element, Context context) {
            Alert alert;
            try {
                alert = SloAlerts.toAlert(element, dashboardBaseUrl, runbookUrl, generatorUrl);
            } catch (RuntimeException e) {
                // an SLO label that is not a valid Prometheus label name, for example
                badAlerts.inc();
                LOG.warn("Alertmanager: cannot make an alert of {}: {}", element.slo(), e.getMessage());
                return;
            }
            if (alert.resolved()) {
                client.resolve(alert);
            } else {
                client.fire(alert);
            }
        }

        @Override
        public void flush(boolean endOfInput) {
            // the client delivers from its own thread; close() drains at the end of input
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
