package dev.concord.jobs.alerts;

import dev.concord.alerting.Alert;
import dev.concord.alerting.AlertmanagerClient;
import dev.concord.alerting.AlertmanagerConfig;
import dev.concord.jobs.Conventions;
import dev.concord.jobs.decide.DecisionRecord;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends failover decisions to Alertmanager (see {@link DecisionAlerts}). The decision graph emits a policy's records
 * from one subtask, so this sink, forwarded from it, sees every record of a policy in order and can resolve the alert
 * a decision leaves behind. Like {@link AlertmanagerSink}, active alerts live in memory only.
 */
public final class DecisionAlertmanagerSink implements Sink<DecisionRecord> {

    private static final long serialVersionUID = 1L;

    private final AlertmanagerConfig config;
    private final String dashboardBaseUrl;
    private final String runbookUrl;
    private final String generatorUrl;

    public DecisionAlertmanagerSink(AlertmanagerConfig config) {
        this(
                config,
                AlertmanagerSink.DEFAULT_DASHBOARD_BASE_URL,
                AlertmanagerSink.DEFAULT_RUNBOOK_URL,
                AlertmanagerSink.DEFAULT_GENERATOR_URL);
    }

    public DecisionAlertmanagerSink(
            AlertmanagerConfig config, String dashboardBaseUrl, String runbookUrl, String generatorUrl) {
        this.config = Objects.requireNonNull(config, "config");
        this.dashboardBaseUrl = Objects.requireNonNull(dashboardBaseUrl, "dashboardBaseUrl");
        this.runbookUrl = Objects.requireNonNull(runbookUrl, "runbookUrl");
        this.generatorUrl = Objects.requireNonNull(generatorUrl, "generatorUrl");
    }

    @Override
    public SinkWriter<DecisionRecord> createWriter(WriterInitContext context) throws IOException {
        AlertmanagerClient client = new AlertmanagerClient(config, Clock.systemUTC()).start();
        context.metricGroup().gauge(Conventions.METRIC_ALERTMANAGER_DROPPED, client::dropped);
        context.metricGroup().gauge(Conventions.METRIC_ALERTMANAGER_QUEUED, client::queued);
        return new Writer(client, context.metricGroup().counter(Conventions.METRIC_ALERTMANAGER_BAD_ALERTS));
    }

    private final class Writer implements SinkWriter<DecisionRecord> {
        private static final Logger LOG = LoggerFactory.getLogger(DecisionAlertmanagerSink.class);

        private final AlertmanagerClient client;
        private final Counter badAlerts;
        /** Policy and scope → the alert its latest decision keeps active. */
        private final Map<String, Alert> active = new HashMap<>();

        Writer(AlertmanagerClient client, Counter badAlerts) {
            this.client = client;
            this.badAlerts = badAlerts;
        }

        @Override
        public void write(DecisionRecord d, Context context) {
            String key = DecisionAlerts.key(d);
            Alert open = active.get(key);
            try {
                if (DecisionAlerts.ends(d)) {
                    if (open != null) {
                        // the resolved notification says why it ended
                        client.resolve(new Alert(
                                open.labels(),
                                DecisionAlerts.annotations(d, dashboardBaseUrl, runbookUrl),
                                open.startsAt(),
                                DecisionAlerts.time(d),
                                open.generatorUrl()));
                        active.remove(key);
                    }
                    return;
                }
                Alert alert = DecisionAlerts.toAlert(d, dashboardBaseUrl, runbookUrl, generatorUrl);
                if (open != null && open.labels().equals(alert.labels())) {
                    alert = new Alert(alert.labels(), alert.annotations(), open.startsAt(), null, alert.generatorUrl());
                } else if (open != null) {
                    client.resolve(open.resolvedAt(DecisionAlerts.time(d)));
                }
                client.fire(alert);
                active.put(key, alert);
            } catch (RuntimeException e) {
                badAlerts.inc();
                LOG.warn("Alertmanager: cannot make an alert of decision {}: {}", d.decisionId(), e.getMessage());
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
