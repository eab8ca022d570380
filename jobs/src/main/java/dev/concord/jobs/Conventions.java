package dev.concord.jobs;

/**
 * Operator uids and names, metric names and output names of Concord's Flink jobs. A uid keys operator state in
 * savepoints: renaming one is a deliberate, breaking change.
 */
public final class Conventions {

    public static final String UID_SPAN_SOURCE = "span-source";
    public static final String UID_TRANSACTION_ROOTS = "transaction-roots";
    public static final String UID_MINUTE_SUCCESS_RATIO = "minute-success-ratio";
    public static final String UID_SUCCESS_RATIO_SINK = "success-ratio-sink";
    public static final String UID_LATE_SPAN_SINK = "late-span-sink";
    public static final String UID_CORRELATABLE_SPANS = "correlatable-spans";
    public static final String UID_TRANSACTION_CORRELATOR = "transaction-correlator";
    public static final String UID_TRANSACTION_SINK = "transaction-sink";
    public static final String UID_LATE_TRANSACTION_SPAN_SINK = "late-transaction-span-sink";
    public static final String UID_SLO_EVENTS = "slo-events";
    public static final String UID_SLO_EVALUATOR = "slo-evaluator";
    public static final String UID_SLO_SNAPSHOT_SINK = "slo-snapshot-sink";
    public static final String UID_SLO_ALERT_SINK = "slo-alert-sink";

    /** Flink operator metric: spans that arrived after their minute was already emitted. */
    public static final String METRIC_LATE_SPANS = "lateSpans";

    /** Flink operator metrics of the transaction correlator. */
    public static final String METRIC_LATE_TRANSACTION_SPANS = "lateTransactionSpans";

    public static final String METRIC_DUPLICATE_SPANS = "duplicateSpans";
    public static final String METRIC_SPANS_AFTER_OUTCOME = "spansAfterOutcome";
    public static final String METRIC_UNKNOWN_TRANSACTION_SPANS = "unknownTransactionSpans";

    /** Flink operator metric of the SLO evaluator: events for a minute already evaluated. */
    public static final String METRIC_LATE_SLO_EVENTS = "lateSloEvents";

    /** Flink metrics of the Elasticsearch sinks. */
    public static final String METRIC_ES_INDEXED_DOCUMENTS = "elasticsearchIndexedDocuments";

    public static final String METRIC_ES_RETRIES = "elasticsearchRetries";
    public static final String METRIC_ES_DROPPED_DOCUMENTS = "elasticsearchDroppedDocuments";

    /** Flink metrics of the Alertmanager sink. */
    public static final String METRIC_ALERTMANAGER_DROPPED = "alertmanagerDroppedAlerts";

    public static final String METRIC_ALERTMANAGER_QUEUED = "alertmanagerQueuedAlerts";
    public static final String METRIC_ALERTMANAGER_BAD_ALERTS = "alertmanagerBadAlerts";

    /**
     * A window's length as label value and field value: {@code 5m}, {@code 1h}, {@code 3d}. Shared by the
     * Elasticsearch documents and the Prometheus {@code window} label so dashboards can join them.
     */
    public static String windowLabel(int minutes) {
        if (minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + "d";
        }
        if (minutes % 60 == 0) {
            return minutes / 60 + "h";
        }
        return minutes + "m";
    }

    /** Output folders under the chosen output directory. */
    public static final String OUT_SUCCESS_RATIO = "success-ratio";

    public static final String OUT_LATE_SPANS = "late-spans";

    /** Upper bound for rescaling; fixed because it shapes keyed state in savepoints. */
    public static final int MAX_PARALLELISM = 128;

    private Conventions() {}
}
