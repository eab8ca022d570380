package dev.concord.engine;

/**
 * Operator uids and names, Flink metric names and output folder names of the engine. A uid keys operator state in
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
    public static final String UID_CORRELATOR_SPANS = "correlator-spans";
    public static final String UID_SPAN_PRESENCE_PARTIALS = "span-presence-partials";
    public static final String UID_TRANSACTION_SINK = "transaction-sink";
    public static final String UID_LATE_TRANSACTION_SPAN_SINK = "late-transaction-span-sink";
    public static final String UID_SLO_EVENTS = "slo-events";
    public static final String UID_LOG_SOURCE = "log-source";
    public static final String UID_ERROR_LOGS = "error-logs";
    public static final String UID_TRACE_ERROR_LOGS = "trace-error-logs";
    public static final String UID_OUTCOME_SIGNATURES = "outcome-signatures";
    public static final String UID_SLO_EVALUATOR = "slo-evaluator";
    public static final String UID_SLO_SNAPSHOT_SINK = "slo-snapshot-sink";
    public static final String UID_SLO_ALERT_SINK = "slo-alert-sink";

    public static final String UID_DECISION_ALERT_SOURCE = "decision-alert-source";
    public static final String UID_DECISION_PROBE_SOURCE = "decision-probe-source";
    public static final String UID_DECISION_METRIC_SOURCE = "decision-metric-source";
    public static final String UID_DECISION_LOG_SOURCE = "decision-log-source";
    public static final String UID_DECISION_SPAN_SOURCE = "decision-span-source";
    public static final String UID_DECISION_CONTROL_SOURCE = "decision-control-source";
    public static final String UID_DECISION_NO_CONFIRMATIONS = "decision-no-confirmations";
    public static final String UID_ALERT_OBSERVATIONS = "alert-observations";
    public static final String UID_PROBE_OBSERVATIONS = "probe-observations";
    public static final String UID_METRIC_OBSERVATIONS = "metric-observations";
    public static final String UID_LOG_OBSERVATIONS = "log-observations";
    public static final String UID_SPAN_OBSERVATIONS = "span-observations";
    public static final String UID_POLICY_EVALUATOR = "policy-evaluator";
    public static final String UID_DECISION_SINK = "decision-sink";

    /** Flink operator metrics of the policy evaluator. */
    public static final String METRIC_LATE_OBSERVATIONS = "lateObservations";

    public static final String METRIC_EXPIRED_CONFIRMATIONS = "expiredConfirmations";

    /** PromQL guards: one source and one reading map per guard (the guard's name is appended to the uid). */
    public static final String UID_PROMQL_GUARD_SOURCE = "promql-source";

    public static final String UID_PROMQL_GUARD_READINGS = "promql-readings";
    public static final String UID_CONTROL_ENDPOINT = "decision-control-endpoint";

    /** Flink source metrics of a PromQL guard: polls made, and polls that gave nothing after their retries. */
    public static final String METRIC_GUARD_POLLS = "guardPolls";

    public static final String METRIC_GUARD_POLL_FAILURES = "guardPollFailures";

    /** Flink operator metric: spans that arrived after their minute was already emitted. */
    public static final String METRIC_LATE_SPANS = "lateSpans";

    /** Flink operator metrics of the transaction correlator. */
    public static final String METRIC_LATE_TRANSACTION_SPANS = "lateTransactionSpans";

    public static final String METRIC_DUPLICATE_SPANS = "duplicateSpans";
    public static final String METRIC_SPANS_AFTER_OUTCOME = "spansAfterOutcome";
    public static final String METRIC_UNKNOWN_TRANSACTION_SPANS = "unknownTransactionSpans";
    /** Transactions that timed out while their telemetry was missing: neither good nor bad. */
    public static final String METRIC_TELEMETRY_GAP_TRANSACTIONS = "telemetryGapTransactions";
    /** Partial presence counts for a minute the presence watermark had already passed: not counted for it. */
    public static final String METRIC_LATE_PRESENCE_COUNTS = "latePresenceCounts";

    /** Flink operator metric of the SLO evaluator: events for a minute already evaluated. */
    public static final String METRIC_LATE_SLO_EVENTS = "lateSloEvents";

    /** Output folders under the chosen output directory. */
    public static final String OUT_SUCCESS_RATIO = "success-ratio";

    public static final String OUT_LATE_SPANS = "late-spans";

    public static final String OUT_TRANSACTIONS = "transactions";

    public static final String OUT_SLO = "slo";

    public static final String OUT_ALERTS = "alerts";

    /** Where the control endpoint leaves confirmations for the job to read. */
    public static final String OUT_CONTROL = "control";

    /** Decision records, one JSON object per state transition. */
    public static final String OUT_DECISIONS = "decisions";

    /** Upper bound for rescaling; fixed because it shapes keyed state in savepoints. */
    public static final int MAX_PARALLELISM = 128;

    private Conventions() {}
}
