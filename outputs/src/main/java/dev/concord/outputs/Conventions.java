package dev.concord.outputs;

/**
 * Operator uids and names, Flink metric names and Prometheus metric and label names of Concord's external outputs.
 * A uid keys operator state in savepoints: renaming one is a deliberate, breaking change.
 */
public final class Conventions {

    public static final String UID_TRANSACTION_METRICS = "transaction-metrics";
    public static final String UID_SLO_SNAPSHOT_METRICS = "slo-snapshot-metrics";
    public static final String UID_SLO_ALERT_METRICS = "slo-alert-metrics";
    public static final String UID_LATE_SPAN_METRICS = "late-span-metrics";
    public static final String UID_PROMETHEUS_EXPORTER = "prometheus-exporter";
    public static final String UID_DECISION_METRICS = "decision-metrics";
    public static final String UID_VERDICT_METRICS = "verdict-metrics";
    public static final String UID_SLO_SNAPSHOT_ELASTICSEARCH = "slo-snapshot-elasticsearch";
    public static final String UID_TRANSACTION_ELASTICSEARCH = "transaction-elasticsearch";
    public static final String UID_DECISION_ELASTICSEARCH = "decision-elasticsearch";
    public static final String UID_SLO_ALERTMANAGER = "slo-alertmanager";
    public static final String UID_DECISION_ALERTMANAGER = "decision-alertmanager";
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

    /**
     * Prometheus metric and label names (Prometheus naming: one {@code concord_} prefix, base units, ratios 0–1,
     * counters end in {@code _total}, which the client appends). Label values come from bounded sets only.
     */
    public static final class Metrics {
        public static final String SLO_SLI = "concord_slo_sli_ratio";
        public static final String SLO_OBJECTIVE = "concord_slo_objective_ratio";
        public static final String SLO_BUDGET_REMAINING = "concord_slo_error_budget_remaining_ratio";
        public static final String SLO_BURN_RATE = "concord_slo_burn_rate";
        public static final String SLO_WINDOW_EVENTS = "concord_slo_window_events";
        public static final String SLO_ALERT_FIRING = "concord_slo_alert_firing";
        /** Counter: exposed as {@code concord_transactions_total}. */
        public static final String TRANSACTIONS = "concord_transactions";
        /** Counter: records the engine emitted, by output. */
        public static final String ENGINE_RECORDS_OUT = "concord_engine_records_out";
        /** Counter: spans too late for their transaction, written to the dead-letter output. */
        public static final String ENGINE_DEAD_LETTERED = "concord_engine_dead_lettered";

        public static final String ENGINE_EVENT_TIME = "concord_engine_event_time_seconds";
        public static final String ENGINE_EVENT_TIME_LAG = "concord_engine_event_time_lag_seconds";
        public static final String EXPORTER_SCRAPES = "concord_exporter_scrapes";
        /** 1 for the state of the latest decision of a policy at a scope, 0 for the states it left. */
        public static final String FAILOVER_DECISION_STATE = "concord_failover_decision_state";
        /** Counter: decision records, one per transition; exposed as {@code concord_failover_decisions_total}. */
        public static final String FAILOVER_DECISIONS = "concord_failover_decisions";
        /** 1 for what a signal family says now about a cloud of a policy, 0 for the other verdicts. */
        public static final String SIGNAL_VERDICT = "concord_signal_verdict";

        public static final String LABEL_SLO = "slo";
        public static final String LABEL_TRANSACTION = "transaction";
        public static final String LABEL_CLOUD = "cloud";
        public static final String LABEL_REGION = "region";
        public static final String LABEL_TENANT = "tenant";
        public static final String LABEL_WINDOW = "window";
        public static final String LABEL_SEVERITY = "severity";
        public static final String LABEL_OUTCOME = "outcome";
        public static final String LABEL_OUTPUT = "output";
        public static final String LABEL_REASON = "reason";
        public static final String LABEL_POLICY = "policy";
        public static final String LABEL_DOMAIN = "domain";
        public static final String LABEL_ACTION = "action";
        public static final String LABEL_SCOPE = "scope";
        public static final String LABEL_STATE = "state";
        public static final String LABEL_FAMILY = "family";
        public static final String LABEL_VERDICT = "verdict";

        /** The {@code window} value of the SLI over the whole SLO period. */
        public static final String WINDOW_PERIOD = "period";

        private Metrics() {}
    }

    private Conventions() {}
}
