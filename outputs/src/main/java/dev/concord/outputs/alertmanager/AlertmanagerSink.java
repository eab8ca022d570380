package dev.concord.outputs.alertmanager;

import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.slo.SloAlert;
import dev.concord.outputs.Conventions;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SLO burn-rate alerts or failover decisions to Alertmanager: a firing alert is re-sent every resend interval
 * until it resolves. Sending never blocks the job: the client queues (bounded, drops counted) and posts from its own
 * thread. Active alerts live in the writer's memory only: after a restore they go quiet until the job changes them,
 * and Alertmanager resolves them after its resolve_timeout (see README, "Alerts").
 */
public final class AlertmanagerSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private interface Deliveries<T> extends Function<AlertLinks, AlertDelivery<T>>, Serializable {}

    private final AlertmanagerConfig config;
    private final AlertLinks links;
    private final Deliveries<T> deliveries;

    private AlertmanagerSink(AlertmanagerConfig config, AlertLinks links, Deliveries<T> deliveries) {
        this.config = Objects.requireNonNull(config, "config");
        this.links = Objects.requireNonNull(links, "links");
        this.deliveries = deliveries;
    }

    public static AlertmanagerSink<SloAlert> sloAlerts(AlertmanagerConfig config) {
        return sloAlerts(config, AlertLinks.DEFAULT);
    }

    public static AlertmanagerSink<SloAlert> sloAlerts(AlertmanagerConfig config, AlertLinks links) {
        return new AlertmanagerSink<>(config, links, SloAlertDelivery::new);
    }

    public static AlertmanagerSink<DecisionRecord> decisions(AlertmanagerConfig config) {
        return decisions(config, AlertLinks.DEFAULT);
    }

    public static AlertmanagerSink<DecisionRecord> decisions(AlertmanagerConfig config, AlertLinks links) {
        return new AlertmanagerSink<>(config, links, DecisionAlertDelivery::new);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        AlertmanagerClient client = new AlertmanagerClient(config, Clock.systemUTC()).start();
        context.metricGroup().gauge(Conventions.METRIC_ALERTMANAGER_DROPPED, client::dropped);
        context.metricGroup().gauge(Conventions.METRIC_ALERTMANAGER_QUEUED, client::queued);
        return new Writer<>(
                client,
                deliveries.apply(links),
                context.metricGroup().counter(Conventions.METRIC_ALERTMANAGER_BAD_ALERTS));
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerSink.class);

        private final AlertmanagerClient client;
        private final AlertDelivery<T> delivery;
        private final Counter badAlerts;

        Writer(AlertmanagerClient client, AlertDelivery<T> delivery, Counter badAlerts) {
            this.client = client;
            this.delivery = delivery;
            this.badAlerts = badAlerts;
        }

        @Override
        public void write(T element, Context context) {
            try {
                delivery.deliver(element, client);
            } catch (RuntimeException e) {
                // an SLO label that is not a valid Prometheus label name, for example
                badAlerts.inc();
                LOG.warn("Alertmanager: cannot make an alert of {}: {}", delivery.describe(element), e.getMessage());
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
