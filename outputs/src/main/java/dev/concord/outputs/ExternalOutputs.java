package dev.concord.outputs;

import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.slo.SloPipelineJob;
import dev.concord.outputs.alertmanager.AlertmanagerConfig;
import dev.concord.outputs.alertmanager.AlertmanagerSink;
import dev.concord.outputs.elasticsearch.ElasticsearchConfig;
import dev.concord.outputs.elasticsearch.ElasticsearchSink;
import dev.concord.outputs.prometheus.PrometheusExporter;
import dev.concord.outputs.prometheus.PrometheusExporterConfig;
import dev.concord.outputs.prometheus.PrometheusExporterSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The outputs besides JSON lines that a run sends the pipeline's results to: Prometheus (an exporter to scrape),
 * Elasticsearch and Alertmanager. Each is off when null.
 */
public record ExternalOutputs(
        PrometheusExporterConfig prometheus, ElasticsearchConfig elasticsearch, AlertmanagerConfig alertmanager) {

    public static final ExternalOutputs NONE = new ExternalOutputs(null, null, null);

    public boolean any() {
        return prometheus != null || elasticsearch != null || alertmanager != null;
    }

    /**
     * Adds the sinks to the pipeline's streams and, when there is one, the decision graph (its records and, for
     * metrics, its verdicts).
     *
     * @param decisions from {@link dev.concord.engine.decide.DecisionWiring#wire}; null without failover policies
     */
    public void attach(SloPipelineJob.Streams streams, SingleOutputStreamOperator<DecisionRecord> decisions) {
        if (prometheus != null) {
            PrometheusExporter.attach(streams, decisions, new PrometheusExporterSink(prometheus));
        }
        if (elasticsearch != null) {
            streams.transactions()
                    .sinkTo(ElasticsearchSink.transactionOutcomes(elasticsearch))
                    .uid(Conventions.UID_TRANSACTION_ELASTICSEARCH)
                    .name(Conventions.UID_TRANSACTION_ELASTICSEARCH);
            streams.snapshots()
                    .sinkTo(ElasticsearchSink.sloSnapshots(elasticsearch))
                    .uid(Conventions.UID_SLO_SNAPSHOT_ELASTICSEARCH)
                    .name(Conventions.UID_SLO_SNAPSHOT_ELASTICSEARCH);
            if (decisions != null) {
                decisions
                        .sinkTo(ElasticsearchSink.decisionRecords(elasticsearch))
                        .uid(Conventions.UID_DECISION_ELASTICSEARCH)
                        .name(Conventions.UID_DECISION_ELASTICSEARCH);
            }
        }
        if (alertmanager != null) {
            streams.alerts()
                    .sinkTo(AlertmanagerSink.sloAlerts(alertmanager))
                    .uid(Conventions.UID_SLO_ALERTMANAGER)
                    .name(Conventions.UID_SLO_ALERTMANAGER);
            if (decisions != null) {
                decisions
                        .sinkTo(AlertmanagerSink.decisions(alertmanager))
                        .uid(Conventions.UID_DECISION_ALERTMANAGER)
                        .name(Conventions.UID_DECISION_ALERTMANAGER);
            }
        }
    }
}
