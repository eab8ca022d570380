package dev.concord.outputs.prometheus;

import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.PolicyEvaluator;
import dev.concord.engine.slo.SloPipelineJob;
import dev.concord.outputs.Conventions;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Wires the Prometheus exporter onto the SLO pipeline: every output becomes a {@link MetricUpdate}, and all of them
 * meet in one exporter subtask. Why one: each series is produced by exactly one process, so Prometheus never sees a
 * series twice (or half of one) whatever the job's parallelism or the number of TaskManagers, and no service
 * discovery is needed: Prometheus scrapes one fixed {@code host:port}. The cost is one subtask's throughput, which
 * is ample: it receives one update per SLO key per minute and one per transaction. (Where it lands is up to the
 * scheduler: on a cluster, point Prometheus at the TaskManagers' exporter port, or pin it with a slot sharing group.)
 */
public final class PrometheusExporter {

    private PrometheusExporter() {}

    public static void attach(SloPipelineJob.Streams streams, PrometheusExporterSink sink) {
        attach(streams, null, sink);
    }

    /**
     * As the other, with the decision job's records and its evaluator's verdicts ({@link PolicyEvaluator#VERDICTS})
     * in the same exporter.
     *
     * @param decisions the decision graph of {@link dev.concord.engine.decide.DecisionWiring#wire}; null without one
     */
    public static void attach(
            SloPipelineJob.Streams streams,
            SingleOutputStreamOperator<DecisionRecord> decisions,
            PrometheusExporterSink sink) {
        TypeInformation<MetricUpdate> type = TypeInformation.of(MetricUpdate.class);
        DataStream<MetricUpdate> transactions = streams.transactions()
                .map(MetricUpdate::of, type)
                .uid(Conventions.UID_TRANSACTION_METRICS)
                .name(Conventions.UID_TRANSACTION_METRICS);
        DataStream<MetricUpdate> snapshots = streams.snapshots()
                .map(MetricUpdate::of, type)
                .uid(Conventions.UID_SLO_SNAPSHOT_METRICS)
                .name(Conventions.UID_SLO_SNAPSHOT_METRICS);
        DataStream<MetricUpdate> alerts = streams.alerts()
                .map(MetricUpdate::of, type)
                .uid(Conventions.UID_SLO_ALERT_METRICS)
                .name(Conventions.UID_SLO_ALERT_METRICS);
        DataStream<MetricUpdate> late = streams.lateSpans()
                .map(MetricUpdate::late, type)
                .uid(Conventions.UID_LATE_SPAN_METRICS)
                .name(Conventions.UID_LATE_SPAN_METRICS);
        DataStream<MetricUpdate> all = transactions.union(snapshots, alerts, late);
        if (decisions != null) {
            DataStream<MetricUpdate> records = decisions
                    .map(MetricUpdate::of, type)
                    .uid(Conventions.UID_DECISION_METRICS)
                    .name(Conventions.UID_DECISION_METRICS);
            DataStream<MetricUpdate> verdicts = decisions
                    .getSideOutput(PolicyEvaluator.VERDICTS)
                    .map(MetricUpdate::of, type)
                    .uid(Conventions.UID_VERDICT_METRICS)
                    .name(Conventions.UID_VERDICT_METRICS);
            all = all.union(records, verdicts);
        }
        all.sinkTo(sink)
                .setParallelism(1)
                .uid(Conventions.UID_PROMETHEUS_EXPORTER)
                .name(Conventions.UID_PROMETHEUS_EXPORTER);
    }
}
